*** Settings ***
Documentation    Logon, logoff, sessions, aliases and the connection state.

Resource         ../resources/icws.resource

Suite Setup      Use ICWS Server
Test Teardown    Disconnect All


*** Variables ***
${WRONG_PASSWORD}    wrong-password


*** Test Cases ***
Connect Returns The Session Id
    ${session}    Connect As Test User
    Should Match Regexp    ${session}    ^\\d{7,10}$
    ${info}    Get Session Info
    Should Be Equal    ${info}[sessionId]    ${session}
    Should Be Equal    ${info}[userID]    ${ICWS_USER}
    Should Be Equal    ${info}[userDisplayName]    ${ICWS_DISPLAY_NAME}
    Should Be Equal    ${info}[server]    ${ICWS_SERVER}
    Should Not Be Empty    ${info}[icServer]
    Should Be True    ${info}[connected]

Connection State Is Up After Logon And Down After Logoff
    Connect As Test User
    Connection State Should Be Up
    ${state}    Get Connection State
    Should Be Equal    ${state}    up
    Disconnect
    Connection State Should Be Down
    ${state}    Get Connection State
    Should Be Equal    ${state}    down

Connection State Is None Without A Session
    ${state}    Get Connection State
    Should Be Equal    ${state}    none

Connection State Should Be Up Says Why It Is Down
    Connect As Test User
    Disconnect
    Run Keyword And Expect Error    Expected the connection of session * to be 'up', but it is 'down'*
    ...    Connection State Should Be Up
    Run Keyword And Expect Error    Custom failure
    ...    Connection State Should Be Up    message=Custom failure

Connection State Should Be Down Fails While Up
    Connect As Test User
    Run Keyword And Expect Error    Expected the connection of session * to be 'down', but it is 'up'*
    ...    Connection State Should Be Down

Wrong Password Fails With The Server's Message
    ${error}    Run Keyword And Expect Error    *
    ...    Connect To ICWS    ${ICWS_USER}    ${WRONG_PASSWORD}    server=${ICWS_SERVER}
    Should Contain    ${error}    Logon of user '${ICWS_USER}' to ${ICWS_SERVER} failed: HTTP 400
    Should Contain    ${error}    errorId 'error.request.connection.authenticationFailure'
    Should Contain    ${error}    The authentication process failed.
    Should Not Contain    ${error}    ${WRONG_PASSWORD}

Password Can Be A Secret
    # robot.api.types, and Secret in it, came with Robot Framework 7.4.
    ${has types}    Evaluate    importlib.util.find_spec('robot.api.types') is not None
    ...    modules=importlib.util
    VAR    ${secret type}    ${NONE}
    IF    $has_types
        ${secret type}    Evaluate    getattr(importlib.import_module('robot.api.types'), 'Secret', None)
        ...    modules=importlib
    END
    Skip If    $secret_type is None    Robot Framework before 7.4 has no Secret type
    ${secret}    Evaluate
    ...    $ICWS_PASSWORD if isinstance($ICWS_PASSWORD, $secret_type) else $secret_type($ICWS_PASSWORD)
    Connect To ICWS    ${ICWS_USER}    ${secret}    server=${ICWS_SERVER}
    Connection State Should Be Up

Malformed Server URL Is Rejected Before Any Request
    Run Keyword And Expect Error    Server URL 'cic1:8018' has no scheme: use a URL like http://cic1:8018*
    ...    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=cic1:8018

Unreachable Server Names The Server
    ${port}    Evaluate    __import__('socket').create_server(('127.0.0.1', 0)).getsockname()[1]
    Run Keyword And Expect Error    Could not reach http://127.0.0.1:${port} for POST /icws/connection*
    ...    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=http://127.0.0.1:${port}

Two Sessions With Aliases
    ${first}    Connect As Test User    alias=me
    ${second}    Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}
    ...    server=${ICWS_SERVER}    alias=other
    Should Not Be Equal    ${first}    ${second}
    Session Info Should Be    userID    ${ICWS_OTHER_USER}
    ${previous}    Switch ICWS Session    me
    Should Be Equal    ${previous}    other
    Session Info Should Be    sessionId    ${first}

Disconnect By Alias Leaves The Others Up
    Connect As Test User    alias=me
    Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}    alias=other
    Disconnect    alias=other
    Connection State Should Be Down
    Switch ICWS Session    me
    Connection State Should Be Up

Unknown Alias Lists The Known Sessions
    Connect As Test User    alias=me
    Run Keyword And Expect Error    Non-existing index or alias 'nobody'. Known sessions: me.
    ...    Switch ICWS Session    nobody

Keywords Without A Session Say So
    Run Keyword And Expect Error    No ICWS session: use Connect To ICWS first.*
    ...    Get Session Info
    Run Keyword And Expect Error    No ICWS session: use Connect To ICWS first.*
    ...    Call ICWS    GET    /status/status-messages

Disconnect Twice Passes
    Connect As Test User
    Disconnect
    Disconnect
    Connection State Should Be Down

Keywords On A Logged Off Session Fail Clearly
    Connect As Test User
    Disconnect
    Run Keyword And Expect Error
    ...    ICWS session * of user '${ICWS_USER}' on * is not connected (logged off by this client).*
    ...    Call ICWS    GET    /status/user-statuses/${ICWS_USER}

Session Ended By The Server Fails The Next Keyword
    [Tags]    simulator
    ${session}    Connect As Test User
    Simulator Disconnect Session    ${ICWS_USER}    reason=Logged on from another station.
    ${error}    Run Keyword And Expect Error    *
    ...    Call ICWS    GET    /status/user-statuses/${ICWS_USER}
    Should Contain    ${error}    ICWS session ${session} of user '${ICWS_USER}'
    Should Contain    ${error}    has expired or was disconnected
    Should Contain    ${error}    HTTP 401
    Should Contain    ${error}    Connect To ICWS again
    Connection State Should Be Down
    Run Keyword And Expect Error    *reason 'Logged on from another station.'*
    ...    Connection State Should Be Up

Disconnect All Logs Off Every Session
    [Tags]    simulator
    ${first}    Connect As Test User    alias=one
    ${second}    Connect As Test User    alias=two
    Disconnect All
    ${sessions}    Get Simulator Sessions
    ${ids}    Evaluate    [s['sessionId'] for s in $sessions]
    Should Not Contain    ${ids}    ${first}
    Should Not Contain    ${ids}    ${second}
    ${state}    Get Connection State
    Should Be Equal    ${state}    none


*** Keywords ***
Session Info Should Be
    [Documentation]    Fails unless the current session's info has ``expected`` at ``key``.
    [Arguments]    ${key}    ${expected}
    ${info}    Get Session Info
    Should Be Equal    ${info}[${key}]    ${expected}
