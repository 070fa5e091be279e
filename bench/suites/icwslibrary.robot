*** Settings ***
Documentation    ICWSLibrary's User Status Should Be, N times.

Library          ICWSLibrary
Library          ../BenchHelpers.py


*** Test Cases ***
User Status Should Be
    Connect To ICWS    ${USER}    ${PASSWORD}    server=${SERVER}
    Start Timer
    FOR    ${_}    IN RANGE    ${N}
        User Status Should Be    Available    user_id=${USER}
    END
    Stop Timer    icwslibrary    ${N}
    Disconnect

Connect And Disconnect
    Start Timer
    FOR    ${_}    IN RANGE    ${CONNECTS}
        Connect To ICWS    ${USER}    ${PASSWORD}    server=${SERVER}
        Disconnect
    END
    Stop Timer    connect_disconnect    ${CONNECTS}
