*** Settings ***
Documentation    Feature versions, the server version and the server clock.

Resource         ../resources/icws.resource

Suite Setup      Use ICWS Server
Test Teardown    Disconnect All


*** Test Cases ***
Feature Versions Come With The Logon
    Connect As Test User
    ${features}    Get Feature Versions
    Should Be True    ${features}[connection] >= 3
    Should Contain    ${features}    status
    ${version}    Get Feature Version    connection
    Should Be Equal    ${version}    ${features}[connection]
    Feature Version Should Be At Least    connection    ${version}
    Feature Should Be Supported    messaging

Absent Feature Has Version Zero
    Connect As Test User
    ${version}    Get Feature Version    no-such-feature
    Should Be Equal As Integers    ${version}    0

Feature Version Too Low Shows Both Versions
    Connect As Test User
    ${version}    Get Feature Version    connection
    ${wanted}    Evaluate    ${version} + 1
    Run Keyword And Expect Error
    ...    Expected feature 'connection' at version ${wanted} or later, but ${ICWS_SERVER} has version ${version}.
    ...    Feature Version Should Be At Least    connection    ${wanted}

Unsupported Feature Lists What Is Supported
    Connect As Test User
    Run Keyword And Expect Error
    ...    Expected feature 'teleport' at version 1 or later, but * does not support it.*connection*
    ...    Feature Version Should Be At Least    teleport    1
    Run Keyword And Expect Error    Expected * to support feature 'teleport', but it does not.*
    ...    Feature Should Be Supported    teleport
    Run Keyword And Expect Error    Needs teleport
    ...    Feature Should Be Supported    teleport    message=Needs teleport

Server Version
    Connect As Test User
    ${version}    Get Server Version
    Should Match Regexp    ${version}[majorVersion]    ^\\d+$
    Should Not Be Empty    ${version}[productReleaseDisplayString]
    Server Version Should Be At Least    4.0.0
    Server Version Should Be At Least    ${version}[majorVersion].${version}[minorVersion].${version}[su]

Server Version Too Old Says Which Version Runs
    [Tags]    simulator
    Connect As Test User
    Server Version Should Be At Least    2017 R3
    Server Version Should Be At Least    2017 R3 Patch1
    Run Keyword And Expect Error    Expected CIC 2018 R1 (18.1.0) or newer, but * runs CIC 2017 R3 Patch1 (17.3.1).
    ...    Server Version Should Be At Least    2018 R1

Unreadable Version Is Rejected
    Connect As Test User
    Run Keyword And Expect Error    *Cannot read CIC version 'latest'*
    ...    Server Version Should Be At Least    latest

Server Time Is Close To Ours
    Connect As Test User
    ${server time}    Get Server Time
    ${skew}    Evaluate
    ...    abs((datetime.datetime.now(datetime.timezone.utc) - $server_time).total_seconds())
    Should Be True    ${skew} < 300    Server clock is ${skew} s off
