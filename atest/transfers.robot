*** Settings ***
Documentation    Multi-party calls: consult transfer to another agent (completed and
...              cancelled), to a workgroup, and to a busy number; a three-way conference;
...              park and pick up, the park timeout; voice mail.
...
...              Untagged tests call ``ICWS_EXTERNAL_NUMBER`` from the agent's station and
...              consult ``ICWS_CONSULT_AGENT`` (on ``ICWS_CONSULT_AGENT_STATION``), so they
...              run against a lab server too. Tests tagged ``simulator`` use its control
...              keywords or its numbers.

Library          Collections
Resource         ../resources/icws.resource

Test Setup       Forget Created Interactions
Test Teardown    Clear Transfers


*** Test Cases ***
A Consult Transfer To Another Agent Is Completed
    ${call}    Call Out And Consult The Other Agent
    Switch ICWS Session    consulted
    Answer The Consult Call
    Switch ICWS Session    agent
    Speak To Both Parties    ${call}
    Interaction State Should Be    ${call}    Connected
    Speak To Caller    ${call}
    Complete Consult Transfer    ${call}
    The Consulted Agent Should Have The Call    ${call}

A Cancelled Consult Transfer Leaves The Caller Held For The Agent
    ${call}    Call Out And Consult The Other Agent
    Cancel Consult Transfer    ${call}
    Interaction State Should Be    ${call}    Held
    Pick Up Interaction    ${call}
    Interaction State Should Be    ${call}    Connected
    Run Keyword And Expect Error    *started no consult on interaction ${call}*
    ...    Complete Consult Transfer    ${call}

A Consult Transfer To A Workgroup Reaches Whoever Answers There
    [Tags]    simulator
    ${call}    Connected Inbound Call
    ${consult}    Consult Transfer    ${call}    workgroup:${ICWS_OTHER_WORKGROUP}
    Append To List    ${CREATED}    ${consult}
    Answer As An Agent Of The Other Workgroup
    Complete Consult Transfer    ${call}
    Switch ICWS Session    sales
    Wait Until Interaction State Is    ${call}    Connected    timeout=5s

A Consult Transfer To A Busy Number Fails Saying Why
    [Tags]    simulator
    ${call}    Connected Inbound Call
    ${consult}    Consult Transfer    ${call}    ${ICWS_BUSY_NUMBER}
    Wait Until Interaction State Is    ${consult}    Externally Disconnected    timeout=5s
    Run Keyword And Expect Error    *the consult call has ended (Disconnected (Busy))*
    ...    Complete Consult Transfer    ${call}
    Cancel Consult Transfer    ${call}
    Interaction State Should Be    ${call}    Held

A Three-Way Conference Keeps Talking When One Party Leaves
    ${first}    Call Out As The Agent
    Hold Interaction    ${first}
    ${second}    Call Out As The Agent
    ${conference}    Conference Interactions    ${first}    ${second}
    Invite The External Number    ${conference}
    Conference Should Have Parties    ${conference}    3
    Disconnect Interaction    ${second}
    Conference Should Have Parties    ${conference}    2
    Interaction State Should Be    ${first}    Connected

A Parked Call Is Picked Up By Another Agent
    ${call}    Call Out As The Agent
    Connect To ICWS    ${ICWS_CONSULT_AGENT}    ${ICWS_CONSULT_AGENT_PASSWORD}
    ...    server=${ICWS_SERVER}    alias=consulted
    Log On To Workstation    ${ICWS_CONSULT_AGENT_STATION}    ready=${False}
    Switch ICWS Session    agent
    Park Interaction    ${call}    ${ICWS_CONSULT_AGENT}
    Switch ICWS Session    consulted
    Interaction State Should Be    ${call}    Parked
    Pick Up Interaction    ${call}
    Interaction Attribute Should Be    ${call}    Eic_UserName    ${ICWS_CONSULT_AGENT}

An Unanswered Park Returns To The Parker After The Park Timeout
    [Tags]    simulator
    ${call}    Connected Inbound Call
    Park Interaction    ${call}
    Interaction State Should Be    ${call}    Parked
    Simulator Advance Time    61s
    Wait Until Interaction State Is    ${call}    Alerting    timeout=5s
    Pick Up Interaction    ${call}

A Caller Transferred To Voicemail Leaves A Message
    [Tags]    simulator
    ${call}    Connected Inbound Call
    ${before}    Get Simulator Voicemail Count    ${ICWS_CONSULT_AGENT}
    Transfer To Voicemail    ${call}    ${ICWS_CONSULT_AGENT}
    Simulator Advance Time    11s
    ${after}    Get Simulator Voicemail Count    ${ICWS_CONSULT_AGENT}
    Should Be Equal As Integers    ${after}    ${before + 1}
    Run Keyword And Expect Error    *could not send interaction ${call} to voice mail*
    ...    Send To Voicemail    ${call}


*** Keywords ***
Call Out As The Agent
    [Documentation]    As the agent (logged on once), calls the external number; returns the
    ...    call, connected.
    ${connected}    Run Keyword And Return Status    Switch ICWS Session    agent
    IF    not ${connected}    Connect As Agent
    ${call}    Make Call    ${ICWS_EXTERNAL_NUMBER}
    Append To List    ${CREATED}    ${call}
    Wait Until Interaction State Is    ${call}    Connected    timeout=10s
    RETURN    ${call}

Call Out And Consult The Other Agent
    [Documentation]    As the agent, calls the external number and, once connected,
    ...    consults ``${ICWS_CONSULT_AGENT}``, logged on as ``consulted``; returns the call.
    Connect To ICWS    ${ICWS_CONSULT_AGENT}    ${ICWS_CONSULT_AGENT_PASSWORD}
    ...    server=${ICWS_SERVER}    alias=consulted
    Log On To Workstation    ${ICWS_CONSULT_AGENT_STATION}    ready=${False}
    ${call}    Call Out As The Agent
    ${consult}    Consult Transfer    ${call}    ${ICWS_CONSULT_AGENT}
    Append To List    ${CREATED}    ${consult}
    Interaction State Should Be    ${call}    Held
    RETURN    ${call}

Invite The External Number
    [Documentation]    Dials the external number into the conference and waits until it answers.
    [Arguments]    ${conference}
    ${party}    Invite To Conference    ${conference}    ${ICWS_EXTERNAL_NUMBER}
    Append To List    ${CREATED}    ${party}
    Wait Until Interaction State Is    ${party}    Connected    timeout=10s

The Consulted Agent Should Have The Call
    [Documentation]    As the consulted agent, the caller's call is connected to them.
    [Arguments]    ${call}
    Switch ICWS Session    consulted
    Wait Until Interaction State Is    ${call}    Connected    timeout=5s
    Interaction Attribute Should Be    ${call}    Eic_UserName    ${ICWS_CONSULT_AGENT}

Answer As An Agent Of The Other Workgroup
    [Documentation]    Logs ``${ICWS_WRAP_UP_AGENT}`` on (alias ``sales``), answers the consult
    ...    call ACD offers them, and switches back to the agent.
    Connect To ICWS    ${ICWS_WRAP_UP_AGENT}    ${ICWS_WRAP_UP_AGENT_PASSWORD}
    ...    server=${ICWS_SERVER}    alias=sales
    Log On To Workstation    ${ICWS_WRAP_UP_STATION}
    ${leg}    Wait For Alerting Interaction    timeout=5s
    Pick Up Interaction    ${leg}
    Switch ICWS Session    agent

Answer The Consult Call
    [Documentation]    As the consulted agent, answers the consult call alerting them.
    ${leg}    Wait For Alerting Interaction    timeout=5s
    Append To List    ${CREATED}    ${leg}
    Pick Up Interaction    ${leg}

Connected Inbound Call
    [Documentation]    A call from outside, routed to the agent and answered; returns it.
    Connect As Agent
    Activate User In Workgroup    ${ICWS_WORKGROUP}
    Set User Status    Available
    ${call}    Simulator Place Inbound Call    ${ICWS_WORKGROUP}    ani=3175550100
    Append To List    ${CREATED}    ${call}
    Pick Up Interaction    ${call}
    RETURN    ${call}

Clear Transfers
    [Documentation]    Hangs up what the test created and logs off; on the simulator, also
    ...    ends every interaction.
    FOR    ${session}    IN    agent    consulted    sales
        Run Keyword And Ignore Error    Switch ICWS Session    ${session}
        FOR    ${id}    IN    @{CREATED}
            Run Keyword And Ignore Error    Disconnect Interaction    ${id}
        END
    END
    Disconnect All
    IF    not $ICWS_REPLAY and 'simulator' in $TEST_TAGS
        Hang Up Every Simulator Interaction
    END
