*** Settings ***
Documentation    Faults and bad input: every one fails with a clear message, never a
...              traceback, and the library keeps working afterwards.

Resource         ../resources/icws.resource

Suite Setup      Use ICWS Server
Test Setup       Connect As Test User
Test Teardown    Run Keywords    Simulator Clear Faults    AND    Disconnect All

Test Tags        simulator


*** Test Cases ***
Server Error
    Simulator Inject Fault    error    path=/status/
    Run Keyword And Expect Error
    ...    GET /icws/*/status/user-statuses/${ICWS_USER} on ${ICWS_SERVER} answered HTTP 500 Internal Server Error (errorId 'error.server.internal', errorCode -2147467259): An injected server fault occurred; expected 2xx.    # robocop: off=LEN08
    ...    Get User Status
    Keeps Working

HTML Page From A Proxy
    Simulator Inject Fault    html
    Run Keyword And Expect Error    # robocop: off=LEN08
    ...    GET /icws/*/status/user-statuses/${ICWS_USER} on ${ICWS_SERVER} answered HTTP 502 Bad Gateway, body: HTML page titled '502 Proxy Error'; expected 2xx.
    ...    User Status Should Be
    ...    Available
    Keeps Working

Truncated JSON
    Simulator Inject Fault    truncated
    Run Keyword And Expect Error    *answered 200 with a body that is not valid JSON*
    ...    Get User Status
    Keeps Working

Plain Text Instead Of JSON
    Simulator Inject Fault    not-json
    Run Keyword And Expect Error
    ...    *answered 200 with a text/plain body, not ICWS JSON: 'Service temporarily overloaded'. Is a proxy or another service answering at ${ICWS_SERVER}?    # robocop: off=LEN08
    ...    Get User Status
    Keeps Working

Empty Body Where A Status Was Expected
    Simulator Inject Fault    empty
    Run Keyword And Expect Error    *answered an empty body where a user status was expected.
    ...    Get User Status
    Keeps Working

Dropped Connection Is Retried For Reads
    Simulator Inject Fault    drop    count=2
    Get User Status
    Simulator Inject Fault    drop    count=3
    Run Keyword And Expect Error    Could not reach ${ICWS_SERVER} for GET /icws/*
    ...    Get User Status
    Keeps Working

Dropped Connection Is Not Retried For Changes
    Simulator Inject Fault    drop    path=/status/user-statuses
    Run Keyword And Expect Error    Could not reach ${ICWS_SERVER} for PUT /icws/*
    ...    Set User Status    Away from desk
    Keeps Working

Slow Answer Within The Timeout
    Simulator Inject Fault    latency    latency=0.3s
    Get User Status

Slow Answer Beyond The Timeout
    Import Library    ICWSLibrary    timeout=0.2s    verify=${ICWS_VERIFY}    AS    Impatient
    Set Library Search Order    ICWSLibrary
    Impatient.Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${ICWS_SERVER}
    Simulator Inject Fault    latency    latency=1s
    Run Keyword And Expect Error
    ...    ${ICWS_SERVER} did not answer GET /icws/*/status/user-statuses/${ICWS_USER} within 0.2 s (read timeout).
    ...    Impatient.Get User Status
    [Teardown]    Run Keywords    Impatient.Disconnect All    AND    Disconnect All

Killed Session Fails Then Auto Reconnect Recovers
    Simulator Inject Fault    kill-session
    Run Keyword And Expect Error    *has expired or was disconnected*
    ...    Get User Status
    Import Library    ICWSLibrary    auto_reconnect=True    verify=${ICWS_VERIFY}    AS    Resilient
    Set Library Search Order    ICWSLibrary
    Resilient.Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${ICWS_SERVER}
    Simulator Inject Fault    kill-session
    Resilient.Get User Status
    [Teardown]    Run Keywords    Resilient.Disconnect All    AND    Disconnect All

Unknown User, Status And Feature
    Run Keyword And Expect Error    *answered HTTP 404 Not Found*The user nobody.here was not found; expected 2xx.
    ...    Get User Status    nobody.here
    Run Keyword And Expect Error    Status 'Teleporting' is not in the status catalog*
    ...    Get Status Message    Teleporting
    Run Keyword And Expect Error    Expected * to support feature 'teleport', but it does not.*
    ...    Feature Should Be Supported    teleport

Unreachable Port On A Known Host
    ${port}    Evaluate    __import__('socket').create_server(('127.0.0.1', 0)).getsockname()[1]
    Run Keyword And Expect Error    Could not reach http://127.0.0.1:${port} for POST /icws/connection*refused*
    ...    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=http://127.0.0.1:${port}


*** Keywords ***
Keeps Working
    [Documentation]    After the fault, the same session answers normally.
    ${status}    Get User Status
    Should Be Equal    ${status}[userId]    ${ICWS_USER}
