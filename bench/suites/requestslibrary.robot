*** Settings ***
Documentation    The same check written by hand with RequestsLibrary, as users would.

Library          RequestsLibrary
Library          ../BenchHelpers.py


*** Test Cases ***
User Status By Hand
    ${status_url}    Log On With RequestsLibrary
    Start Timer
    FOR    ${_}    IN RANGE    ${N}
        ${response}    GET On Session    icws    ${status_url}
        Should Be Equal As Strings    ${response.json()}[statusId]    Available
    END
    Stop Timer    requestslibrary    ${N}
    DELETE On Session    icws    /connection


*** Keywords ***
Log On With RequestsLibrary
    [Documentation]    The logon a user writes by hand: body, header, token and cookie.
    VAR    &{headers}    Accept-Language=en-us
    VAR    &{body}    __type=urn:inin.com:connection:icAuthConnectionRequestSettings
    ...    applicationName=bench    userID=${USER}    password=${PASSWORD}
    Create Session    logon    ${SERVER}    headers=${headers}
    ${response}    POST On Session    logon    /icws/connection    json=${body}
    VAR    ${session}    ${response.json()}[sessionId]
    ${cookie}    Evaluate    $response.headers['Set-Cookie'].split(';')[0]
    VAR    &{auth}    ININ-ICWS-CSRF-Token=${response.json()}[csrfToken]    Cookie=${cookie}
    ...    Accept-Language=en-us
    Create Session    icws    ${SERVER}/icws/${session}    headers=${auth}
    RETURN    /status/user-statuses/${USER}
