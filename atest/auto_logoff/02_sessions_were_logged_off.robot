*** Settings ***
Documentation    The previous suite's sessions were logged off when it ended.

Resource         ../../resources/icws.resource

Suite Setup      Use ICWS Server

Test Tags        simulator


*** Test Cases ***
No Session Of The Previous Suite Is Left On The Server
    ${sessions}    Get Simulator Sessions
    ${ids}    Evaluate    [s['sessionId'] for s in $sessions]
    Should Not Contain    ${ids}    ${LEFT_OPEN_SESSION}
    Should Not Contain    ${ids}    ${SECOND_LEFT_OPEN_SESSION}
