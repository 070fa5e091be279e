*** Settings ***
Documentation    Statistics: typed values that follow the contact center, read, asserted and
...              waited for without sleeps.
...
...              Untagged tests compare values before and after what they do, so they run
...              against a lab server too, while no other suite logs agents of
...              ``${ICWS_WORKGROUP}`` on: give ``ICWS_SUPERVISOR`` (an account that may read
...              statistics), ``ICWS_AGENT``, ``ICWS_AGENT_STATION`` and ``ICWS_WORKGROUP``.
...              Tests tagged ``simulator`` hang up callers with the simulator's control keywords.

Resource         ../resources/icws.resource

Test Setup       Connect As Supervisor
Test Teardown    Disconnect All


*** Test Cases ***
Agents Logged In And Available Follow An Agent Logging On And Off
    ${logged_in}    Get Statistic Value    AgentsLoggedIn    workgroup=${ICWS_WORKGROUP}
    ${available}    Get Agents Available In Workgroup    ${ICWS_WORKGROUP}
    Connect As Available Agent
    Switch ICWS Session    supervisor
    Agent Counts Should Become    ${logged_in + 1}    ${available + 1}
    Statistic Should Be    AgentsLoggedInAndActivated    ${logged_in + 1}    workgroup=${ICWS_WORKGROUP}
    Disconnect    agent
    Agent Counts Should Become    ${logged_in}    ${available}

An Interaction Waiting In The Queue Is Counted Until It Leaves
    ${waiting}    Get Interactions Waiting In Workgroup    ${ICWS_WORKGROUP}
    ${entered}    Get Statistic Value    InteractionsEntered    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift
    ${id}    Create Generic Interaction    ${ICWS_WORKGROUP}    remote_name=Statistics test
    Wait Until Statistic Is    InteractionsWaiting    ${waiting + 1}    workgroup=${ICWS_WORKGROUP}
    Statistic Should Be    InteractionsEntered    ${entered + 1}    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift
    Disconnect Interaction    ${id}
    Wait Until Statistic Is    InteractionsWaiting    ${waiting}    workgroup=${ICWS_WORKGROUP}

Values Come Back Typed And Failures Say What The Server Told
    ${percent}    Get Statistic Value    PercentAvailable    workgroup=${ICWS_WORKGROUP}
    Should Be True    isinstance($percent, float) and 0 <= $percent <= 100
    ${total}    Get Statistic Value    TotalAgents    workgroup=${ICWS_WORKGROUP}
    Should Be True    isinstance($total, int)
    Run Keyword And Expect Error
    ...    Statistic inin.workgroup:TotalAgents (workgroup ${ICWS_WORKGROUP}) is ${total}, expected 999.
    ...    Statistic Should Be    TotalAgents    999    workgroup=${ICWS_WORKGROUP}
    VAR    ${expected}    Statistic inin.workgroup:TotalAgents (workgroup ${ICWS_WORKGROUP}) was not 999
    ...    within 0.2 s; the server last told ${total}.    separator=${SPACE}
    Run Keyword And Expect Error    ${expected}
    ...    Wait Until Statistic Is    TotalAgents    999    workgroup=${ICWS_WORKGROUP}    timeout=0.2s
    Run Keyword And Expect Error    Totals differ
    ...    Statistic Should Be    TotalAgents    999    workgroup=${ICWS_WORKGROUP}    message=Totals differ

A Statistic The Server Does Not Know, Or A Key Missing Its Interval, Fails Clearly
    Run Keyword And Expect Error
    ...    The server answered UnknownStatisticKey (2) for statistic inin.workgroup:NoSuchStatistic*
    ...    Get Statistic Value    NoSuchStatistic    workgroup=${ICWS_WORKGROUP}
    Run Keyword And Expect Error
    ...    The server answered MalformedStatisticKey (1)*InteractionsEntered takes workgroup= and interval=*
    ...    Get Statistic Value    InteractionsEntered    workgroup=${ICWS_WORKGROUP}
    Run Keyword And Expect Error    Expected value 'many' cannot be compared with statistic*a count*
    ...    Statistic Should Be    TotalAgents    many    workgroup=${ICWS_WORKGROUP}

Abandoned And Answered Calls Are Counted For The Workgroup And The Agent
    [Tags]    simulator
    &{before}    Get Interval Counters
    A Caller Hangs Up While Waiting
    Connect As Available Agent
    ${answered}    Simulator Place Inbound Call    ${ICWS_WORKGROUP}    ani=3175550101
    Pick Up Interaction    ${answered}
    Switch ICWS Session    supervisor
    Interval Counters Should Become    ${{ $before['abandoned'] + 1 }}    ${{ $before['answered'] + 1 }}
    ...    ${{ $before['agent'] + 1 }}
    ${wait}    Get Statistic Value    AverageWaitTime    workgroup=${ICWS_WORKGROUP}    interval=CurrentShift
    Should Be True    isinstance($wait, datetime.timedelta)
    [Teardown]    Hang Up Everything

Talk And Hold Times Count The Time A Call Was Connected And Held
    [Tags]    simulator
    Connect As Available Agent
    ${call}    Simulator Place Inbound Call    ${ICWS_WORKGROUP}    ani=3175550102
    Pick Up Interaction    ${call}
    Talk Ten Seconds, Hold Five And Talk Twenty    ${call}
    Simulator Hang Up    ${call}
    Switch ICWS Session    supervisor
    ${longest}    Get Statistic Value    LongestTalkTime    workgroup=${ICWS_WORKGROUP}
    ...    user_id=${ICWS_AGENT}    interval=CurrentShift
    Should Be True    $longest.total_seconds() >= 29
    ${held}    Get Statistic Value    AverageHoldTime    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift
    Should Be True    $held.total_seconds() > 0
    [Teardown]    Hang Up Everything


*** Keywords ***
Talk Ten Seconds, Hold Five And Talk Twenty
    [Documentation]    As the agent, on the simulator's clock: the supervisor sees the hold
    ...    going on while it lasts.
    [Arguments]    ${call}
    Simulator Advance Time    10s
    Hold Interaction    ${call}
    Switch ICWS Session    supervisor
    ${on_hold}    Get Statistic Value    LongestOnHoldTime    workgroup=${ICWS_WORKGROUP}
    Should Be True    isinstance($on_hold, datetime.timedelta)
    Switch ICWS Session    agent
    Simulator Advance Time    5s
    Unhold Interaction    ${call}
    Simulator Advance Time    20s

Connect As Supervisor
    [Documentation]    Logs on as ``${ICWS_SUPERVISOR}`` with the alias ``supervisor``.
    Connect To ICWS    ${ICWS_SUPERVISOR}    ${ICWS_SUPERVISOR_PASSWORD}    server=${ICWS_SERVER}
    ...    alias=supervisor

Connect As Available Agent
    [Documentation]    Logs the agent on to their station, in an ACD status and activated in
    ...    the workgroup, whatever earlier suites left them in.
    Connect As Agent
    Set User Status    Available
    Activate User In Workgroup    ${ICWS_WORKGROUP}

Agent Counts Should Become
    [Documentation]    Waits until the workgroup has these agents logged in and available.
    [Arguments]    ${logged_in}    ${available}
    Wait Until Statistic Is    inin.workgroup:AgentsLoggedIn    ${logged_in}    workgroup=${ICWS_WORKGROUP}
    Wait Until Statistic Is    NumberAvailableForACDInteractions    ${available}
    ...    workgroup=${ICWS_WORKGROUP}

Interval Counters Should Become
    [Documentation]    Waits until the counters of the current shift are these: the
    ...    workgroup's abandoned and answered interactions, and those the agent answered.
    [Arguments]    ${abandoned}    ${answered}    ${agent}
    Wait Until Statistic Is    InteractionsAbandoned    ${abandoned}    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift
    Wait Until Statistic Is    InteractionsAnswered    ${answered}    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift
    Wait Until Statistic Is    InteractionsAnswered    ${agent}    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift    user_id=${ICWS_AGENT}

Get Interval Counters
    [Documentation]    Returns the workgroup's abandoned and answered counters of the current
    ...    shift, and those the agent answered.
    ${abandoned}    Get Statistic Value    InteractionsAbandoned    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift
    ${answered}    Get Statistic Value    InteractionsAnswered    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift
    ${agent}    Get Statistic Value    InteractionsAnswered    workgroup=${ICWS_WORKGROUP}
    ...    interval=CurrentShift    user_id=${ICWS_AGENT}
    RETURN    &{{ {"abandoned": $abandoned, "answered": $answered, "agent": $agent} }}

A Caller Hangs Up While Waiting
    [Documentation]    A call waits three seconds in the workgroup's queue, and its caller hangs up.
    ${abandoned}    Simulator Place Inbound Call    ${ICWS_WORKGROUP}    ani=3175550100
    Simulator Advance Time    3s
    Simulator Hang Up    ${abandoned}

Hang Up Everything
    [Documentation]    Hangs up every call on the simulator, lets them leave the queues, logs off.
    Hang Up Every Simulator Interaction
    Disconnect All
