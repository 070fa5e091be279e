*** Settings ***
Documentation    Who is logged on where: a user's sessions, a station's user, and waiting
...              for a logon. Runs against a lab server too: ``ICWS_AGENT`` on
...              ``ICWS_AGENT_STATION``, watched by ``ICWS_SUPERVISOR``.

Resource         ../resources/icws.resource

Test Teardown    Disconnect All


*** Test Cases ***
A Logged-On Agent's Session Shows Its Station
    Connect As Agent
    Connect To ICWS    ${ICWS_SUPERVISOR}    ${ICWS_SUPERVISOR_PASSWORD}    server=${ICWS_SERVER}
    ...    alias=supervisor
    ${sessions}    Get Sessions Of User    ${ICWS_AGENT}
    ${stations}    Evaluate    [s['station'] for s in $sessions]
    Should Contain    ${stations}    ${ICWS_AGENT_STATION}
    Station Should Be In Use By    ${ICWS_AGENT_STATION}    ${ICWS_AGENT}
    Run Keyword And Expect Error    Station ${ICWS_AGENT_STATION} is in use by *, not nobody-here.
    ...    Station Should Be In Use By    ${ICWS_AGENT_STATION}    nobody-here

Waiting For A Logon Ends When The User Logs On
    Connect To ICWS    ${ICWS_SUPERVISOR}    ${ICWS_SUPERVISOR_PASSWORD}    server=${ICWS_SERVER}
    ...    alias=supervisor
    Run Keyword And Expect Error    ${ICWS_AGENT} had no session within 0.3 s.
    ...    Wait Until User Has Session    ${ICWS_AGENT}    timeout=0.3s
    Connect As Agent
    Switch ICWS Session    supervisor
    Wait Until User Has Session    ${ICWS_AGENT}    timeout=5s
