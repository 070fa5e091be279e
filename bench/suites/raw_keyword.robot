*** Settings ***
Documentation    Robot's floor: a one-line Python keyword calling requests.Session.get.

Library          ICWSLibrary
Library          ../BenchHelpers.py


*** Test Cases ***
Raw Get
    ${session}    Connect To ICWS    ${USER}    ${PASSWORD}    server=${SERVER}
    ${http}    Get ICWS Requests Session
    VAR    ${url}    ${SERVER}/icws/${session}/status/user-statuses/${USER}
    Start Timer
    FOR    ${_}    IN RANGE    ${N}
        Raw Get    ${http}    ${url}
    END
    Stop Timer    raw_keyword    ${N}
    Disconnect
