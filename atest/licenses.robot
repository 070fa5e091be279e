*** Settings ***
Documentation    Licenses: acquire, check, release; each refusal says which license and why.

Resource         ../resources/icws.resource

Test Setup       Connect As Test User
Test Teardown    Disconnect All


*** Test Cases ***
Acquire, Check And Release A License
    ${results}    Acquire Licenses    ${ICWS_LICENSE}
    Should Be True    ${results}[0][isAvailable]
    License Should Be Acquired    ${ICWS_LICENSE}
    ${names}    Get Acquired Licenses
    Should Contain    ${names}    ${ICWS_LICENSE}
    Release Licenses    ${ICWS_LICENSE}
    ${names}    Get Acquired Licenses
    Should Be Empty    ${names}
    Run Keyword And Expect Error    Expected license '${ICWS_LICENSE}' to be acquired, but the session holds none.
    ...    License Should Be Acquired    ${ICWS_LICENSE}

Acquiring Twice Has No Effect
    Acquire Licenses    ${ICWS_LICENSE}
    Acquire Licenses    ${ICWS_LICENSE}
    ${names}    Get Acquired Licenses
    Length Should Be    ${names}    1

An Unknown License Is Named With Why
    Run Keyword And Expect Error    Licenses not granted: NO_SUCH_LICENSE_X9: *
    ...    Acquire Licenses    NO_SUCH_LICENSE_X9

A License Not Assigned To The User Is Refused
    [Tags]    simulator
    Connect To ICWS    trainee    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}
    Run Keyword And Expect Error
    ...    Licenses not granted: I3_ACCESS_CLIENT: not assigned to the user (*); NO_SUCH: no such license (*).
    ...    Acquire Licenses    I3_ACCESS_CLIENT    NO_SUCH

Release Every License
    Acquire Licenses    ${ICWS_LICENSE}
    Release Licenses
    ${names}    Get Acquired Licenses
    Should Be Empty    ${names}
