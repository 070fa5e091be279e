*** Settings ***
Documentation    50 open sessions, each subscribed so that it holds its own event stream.

Library          ICWSLibrary    messaging=sse
Library          ../BenchHelpers.py


*** Test Cases ***
Fifty Sessions
    FOR    ${i}    IN RANGE    50
        Connect To ICWS    agent${{ ${i} % 8 + 1 }}    ${PASSWORD}    server=${SERVER}    alias=s${i}
        Subscribe To User Statuses    agent1
    END
    Wait Until User Status Is    Available    user_id=agent1
    Disconnect All
