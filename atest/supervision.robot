*** Settings ***
Documentation    A supervisor on an agent's call: listening in, coaching, joining, and
...              stopping; an agent without a supervisor's queue rights is refused.
...
...              The supervisor (``ICWS_SUPERVISOR``, on ``ICWS_SUPERVISOR_STATION``) must
...              supervise ``ICWS_WORKGROUP``. The tests place the inbound call with the
...              simulator's control keywords, so they are all tagged ``simulator``.

Library          Collections
Resource         ../resources/icws.resource

Test Setup       Forget Created Interactions
Test Teardown    Clear Supervision

Test Tags        simulator


*** Test Cases ***
A Supervisor Listens, Then Coaches, Then Hangs Up
    ${call}    Connected Inbound Call
    Connect As Supervisor
    Listen To Interaction    ${call}
    Interaction Should Be Monitored By    ${call}    ${ICWS_SUPERVISOR}
    Coach Interaction    ${call}
    Interaction Should Be Monitored By    ${call}    ${ICWS_SUPERVISOR}
    Stop Monitoring Interaction    ${call}
    Interaction Should Not Be Monitored    ${call}
    Switch ICWS Session    agent
    Interaction State Should Be    ${call}    Connected

A Supervisor Who Joined A Call Is Hung Up On When The Agent Hangs Up
    ${call}    Connected Inbound Call
    Connect As Supervisor
    Join Interaction    ${call}
    Switch ICWS Session    agent
    Interaction Should Be Monitored By    ${call}    ${ICWS_SUPERVISOR}
    Disconnect Interaction    ${call}
    Switch ICWS Session    supervisor
    Wait Until Keyword Succeeds    5s    0.1s    Interaction Should Not Be Monitored    ${call}

An Agent Without A Supervisor's Queue Rights Cannot Listen
    ${call}    Connected Inbound Call
    Connect To ICWS    ${ICWS_CONSULT_AGENT}    ${ICWS_CONSULT_AGENT_PASSWORD}
    ...    server=${ICWS_SERVER}    alias=consulted
    Log On To Workstation    ${ICWS_CONSULT_AGENT_STATION}    ready=${False}
    Run Keyword And Expect Error
    ...    *could not listen to interaction ${call}*no queue rights to listen*
    ...    Listen To Interaction    ${call}
    Interaction Should Not Be Monitored    ${call}


*** Keywords ***
Connected Inbound Call
    [Documentation]    A call from outside, routed to the agent and answered; returns it.
    Connect As Agent
    Activate User In Workgroup    ${ICWS_WORKGROUP}
    Set User Status    Available
    ${call}    Simulator Place Inbound Call    ${ICWS_WORKGROUP}    ani=3175550100
    Append To List    ${CREATED}    ${call}
    Pick Up Interaction    ${call}
    RETURN    ${call}

Connect As Supervisor
    [Documentation]    Logs the supervisor on to their station (alias ``supervisor``).
    Connect To ICWS    ${ICWS_SUPERVISOR}    ${ICWS_SUPERVISOR_PASSWORD}    server=${ICWS_SERVER}
    ...    alias=supervisor
    Log On To Workstation    ${ICWS_SUPERVISOR_STATION}    ready=${False}

Clear Supervision
    [Documentation]    Hangs up what the test created and logs off; on the simulator, also
    ...    ends every interaction.
    Run Keyword And Ignore Error    Switch ICWS Session    agent
    FOR    ${id}    IN    @{CREATED}
        Run Keyword And Ignore Error    Disconnect Interaction    ${id}
    END
    Disconnect All
    IF    not $ICWS_REPLAY and 'simulator' in $TEST_TAGS
        Hang Up Every Simulator Interaction
    END
