*** Settings ***
Documentation       50 open sessions, for the memory of a Robot run.
Library             ICWSLibrary
Library             ../BenchHelpers.py


*** Test Cases ***
Fifty Sessions
    FOR    ${i}    IN RANGE    50
        Connect To ICWS    agent${{ ${i} % 8 + 1 }}    ${PASSWORD}    server=${SERVER}    alias=s${i}
    END
    Wait Until User Status Is    Available    user_id=agent1
    Disconnect All
