*** Settings ***
Documentation    The README's example: log on, check the server, look at yourself, log off.
...
...              Runs against the embedded simulator, or a real server given with
...              ``--variable ICWS_SERVER:http://cic1:8018`` (and ICWS_USER, ICWS_PASSWORD).

Resource         ../resources/icws.resource

Suite Setup      Use ICWS Server
Test Teardown    Disconnect All


*** Test Cases ***
Log On And Check The Server
    ${session}    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${ICWS_SERVER}
    Should Match Regexp    ${session}    ^\\d{7,10}$
    Connection State Should Be Up
    Feature Version Should Be At Least    connection    3
    Feature Should Be Supported    status
    ${version}    Get Server Version
    Log    Testing ${version}[productPatchDisplayString]

Read My Own Status
    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${ICWS_SERVER}
    ${status}    Call ICWS    GET    /status/user-statuses/${ICWS_USER}
    Should Be Equal    ${status}[userId]    ${ICWS_USER}
    Should Not Be Empty    ${status}[statusId]

Log Off
    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${ICWS_SERVER}
    Disconnect
    Connection State Should Be Down
