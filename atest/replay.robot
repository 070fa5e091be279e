*** Settings ***
Documentation    Replaying the shipped recording: a request it lacks fails clearly.
...
...              Tagged ``simulator``: it starts its own replay server, so it is neither
...              recorded nor run against a real server.

Resource         ../resources/icws.resource

Test Teardown    Run Keywords    Disconnect All    AND    Stop ICWS Simulator    replay

Test Tags        simulator


*** Variables ***
${RECORDING}            ${CURDIR}/../resources/recordings/atest.json
# A recording answers only the logons it saw: the shipped one was made as this user.
${RECORDED_USER}        kevin.glinski
${RECORDED_PASSWORD}    1234


*** Test Cases ***
Recorded Conversation Replays
    ${url}    Start ICWS Simulator    replay=${RECORDING}    alias=replay
    Connect To ICWS    ${RECORDED_USER}    ${RECORDED_PASSWORD}    server=${url}
    ${status}    Call ICWS    GET    /status/user-statuses/${RECORDED_USER}
    Should Be Equal    ${status}[userId]    ${RECORDED_USER}

Request Not In The Recording Names The Nearest Recorded One
    ${url}    Start ICWS Simulator    replay=${RECORDING}    alias=replay
    Connect To ICWS    ${RECORDED_USER}    ${RECORDED_PASSWORD}    server=${url}
    ${error}    Run Keyword And Expect Error    *
    ...    Call ICWS    GET    /status/user-statuses/someone.never.recorded
    Should Contain    ${error}    HTTP 501
    Should Contain    ${error}    errorId 'replay.notRecorded'
    Should Contain    ${error}
    ...    Not in the recording atest.json: GET /icws/{{session:1}}/status/user-statuses/someone.never.recorded
    Should Match Regexp    ${error}    Nearest recorded: GET /icws/\\{\\{session:\\d+\\}\\}/status/user-statuses/

Control Keywords Cannot Act On A Recording
    ${url}    Start ICWS Simulator    replay=${RECORDING}    alias=replay
    Connect To ICWS    ${RECORDED_USER}    ${RECORDED_PASSWORD}    server=${url}
    Run Keyword And Expect Error    A replayed recording cannot end sessions*
    ...    Simulator Disconnect Session    ${RECORDED_USER}
