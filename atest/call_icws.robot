*** Settings ***
Documentation    Any ICWS operation with Call ICWS, and the hand-over to RequestsLibrary.

Library          RequestsLibrary
Resource         ../resources/icws.resource

Suite Setup      Use ICWS Server
Test Setup       Connect As Test User
Test Teardown    Disconnect All


*** Test Cases ***
Relative Session Path
    ${status}    Call ICWS    GET    /status/user-statuses/${ICWS_USER}
    Should Be Equal    ${status}[userId]    ${ICWS_USER}

Path Without Leading Slash
    ${status}    Call ICWS    get    status/user-statuses/${ICWS_USER}
    Should Be Equal    ${status}[userId]    ${ICWS_USER}

Absolute Session Path With Placeholder
    ${status}    Call ICWS    GET    /icws/{sessionId}/status/user-statuses/${ICWS_USER}
    Should Be Equal    ${status}[userId]    ${ICWS_USER}

Session-less Path
    ${features}    Call ICWS    GET    /icws/connection/features
    Should Not Be Empty    ${features}[featureInfoList]

Error Shows Status, ErrorId And Message
    ${error}    Run Keyword And Expect Error    *
    ...    Call ICWS    GET    /status/user-statuses/no.such.user
    Should Contain    ${error}    GET /icws/
    Should Contain    ${error}    /status/user-statuses/no.such.user on ${ICWS_SERVER} answered HTTP 404
    Should Contain    ${error}    expected 2xx

Expected Error Status Returns The Error Body
    ${error}    Call ICWS    GET    /status/user-statuses/no.such.user    expected_status=404
    Should Not Be Empty    ${error}[message]
    ${error}    Call ICWS    GET    /status/user-statuses/no.such.user    expected_status=any
    Should Not Be Empty    ${error}[message]
    Run Keyword And Expect Error    *answered HTTP 404*expected 400 or 403.
    ...    Call ICWS    GET    /status/user-statuses/no.such.user    expected_status=${{[400, 403]}}

Body As JSON Text Or Dictionary
    ${bad}    Run Keyword And Expect Error    *
    ...    Call ICWS    PUT    /connection/station    {"__type": oops}
    Should Start With    ${bad}    Call ICWS body is not valid JSON
    VAR    &{logon}    __type=urn:inin.com:connection:icAuthConnectionRequestSettings
    ...    applicationName=atest    userID=${ICWS_USER}    password=wrong-password
    ${error}    Call ICWS    POST    /icws/connection    ${logon}    expected_status=400
    Should Be Equal    ${error}[errorId]    error.request.connection.authenticationFailure
    VAR    ${text}
    ...    {"__type": "urn:inin.com:connection:icAuthConnectionRequestSettings",
    ...    "applicationName": "atest", "userID": "${ICWS_USER}", "password": "wrong-password"}
    ...    separator=${SPACE}
    ${error}    Call ICWS    POST    /icws/connection    ${text}    expected_status=400
    Should Be Equal    ${error}[errorId]    error.request.connection.authenticationFailure

Typo In A Path Suggests The Documented Operation
    ${error}    Run Keyword And Expect Error    *
    ...    Call ICWS    GET    /status/user-statuse/${ICWS_USER}
    Should Contain    ${error}    answered HTTP 404
    VAR    ${suggestion}    is not one of the documented ICWS operations; did you mean
    ...    GET /icws/{sessionId}/status/user-statuses/{userId}?    separator=${SPACE}
    Should End With    ${error}    ${suggestion}

URL Instead Of Path Is Refused
    Run Keyword And Expect Error    Give an ICWS path such as /status/status-messages, not a URL*
    ...    Call ICWS    GET    http://elsewhere:8018/icws/connection/features

Requests Session For RequestsLibrary
    ${http}    Get ICWS Requests Session    requests_alias=icws
    Should Start With    ${http.url}    ${ICWS_SERVER}/icws/
    ${response}    GET On Session    icws    /status/user-statuses/${ICWS_USER}
    Should Be Equal    ${response.json()}[userId]    ${ICWS_USER}
    # Without the session's credentials the same URL is refused.
    GET    ${http.url}/connection    expected_status=401    verify=${ICWS_VERIFY}
