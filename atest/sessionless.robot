*** Settings ***
Documentation    Server facts before any logon: the library asks its ``server`` directly.

Resource         ../resources/icws.resource

Suite Setup      Import Library Aimed At The Server


*** Test Cases ***
Feature Keywords Work Before Logon
    ${features}    Sessionless.Get Feature Versions
    Should Be True    ${features}[connection] >= 1
    Sessionless.Feature Should Be Supported    connection

Server Version And Time Work Before Logon
    ${version}    Sessionless.Get Server Version
    Should Not Be Empty    ${version}[majorVersion]
    ${time}    Sessionless.Get Server Time
    Should Be True    $time.tzinfo is not None

Connection State Is None Before Logon
    ${state}    Sessionless.Get Connection State
    Should Be Equal    ${state}    none


*** Keywords ***
Import Library Aimed At The Server
    [Documentation]    Imports a second ICWSLibrary instance with ``server`` set, as users do.
    Use ICWS Server
    Import Library    ICWSLibrary    server=${ICWS_SERVER}    verify=${ICWS_VERIFY}    AS    Sessionless
