*** Settings ***
Documentation    Recording and compliance: a call is recorded, by policy or by the agent;
...              a secure pause keeps card details out of the recording; the recording a
...              call leaves is exported and tagged.
...
...              The untagged test calls ``ICWS_EXTERNAL_NUMBER`` and records it itself, so
...              it runs against a lab server too (the agent needs the rights to record and
...              to pause securely). Tests tagged ``simulator`` rely on its recording policy
...              (the default scenario records ``Support``) and its clock.

Library          Collections
Resource         ../resources/icws.resource

Test Setup       Forget Created Interactions
Test Teardown    Clear Recording Tests


*** Test Cases ***
An Agent Records A Call, Pauses It Securely, And Tags The Recording
    ${call}    Call Out As The Agent
    Start Recording    ${call}
    Interaction Should Be Recorded    ${call}
    ${recording}    Get Recording Id    ${call}
    Secure Pause Recording    ${call}    duration=30s
    Recording Should Be Paused    ${call}
    Resume Recording    ${call}
    Run Keyword And Expect Error    The recording of interaction ${call} is not paused.
    ...    Recording Should Be Paused    ${call}
    Tag And Read Back    ${recording}    compliance-test

The Workgroup's Policy Records Its Calls And The Export Lacks The Paused Span
    [Tags]    simulator
    ${call}    Connected Inbound Call
    ${recording}    Get Recording Id    ${call}
    Simulator Advance Time    10s
    Secure Pause Recording    ${call}    duration=20s
    Simulator Advance Time    21s
    Run Keyword And Expect Error    *is not paused*    Recording Should Be Paused    ${call}
    Simulator Hang Up    ${call}
    The Export Should Lack The Paused Span    ${recording}


*** Keywords ***
Call Out As The Agent
    [Documentation]    As the agent, calls the external number; returns the call, connected.
    Connect As Agent
    ${call}    Make Call    ${ICWS_EXTERNAL_NUMBER}
    Append To List    ${CREATED}    ${call}
    Wait Until Interaction State Is    ${call}    Connected    timeout=10s
    RETURN    ${call}

Connected Inbound Call
    [Documentation]    A call from outside, routed to the agent and answered; returns it.
    Connect As Agent
    Activate User In Workgroup    ${ICWS_WORKGROUP}
    Set User Status    Available
    ${call}    Simulator Place Inbound Call    ${ICWS_WORKGROUP}    ani=3175550100
    Append To List    ${CREATED}    ${call}
    Pick Up Interaction    ${call}
    RETURN    ${call}

The Export Should Lack The Paused Span
    [Documentation]    Fetches the recording's export: two recorded spans, the second from
    ...    the end of the pause (30 s in) on.
    [Arguments]    ${recording}
    ${uri}    Get Recording Export Uri    ${recording}
    ${verify}    Evaluate    {'true': True, 'false': False}.get(str($ICWS_VERIFY).lower(), $ICWS_VERIFY)
    ${export}    Evaluate    requests.get($uri, verify=$verify, timeout=10).json()    modules=requests
    Length Should Be    ${export}[segments]    2
    Should Be True    $export['segments'][1]['start'] >= 30

Tag And Read Back
    [Documentation]    Tags the recording and checks the tag is among its tags.
    [Arguments]    ${recording}    ${tag}
    Add Recording Tag    ${recording}    ${tag}
    ${tags}    Get Recording Tags    ${recording}
    List Should Contain Value    ${tags}    ${tag}

Clear Recording Tests
    [Documentation]    Hangs up what the test created and logs off; on the simulator, also
    ...    ends every interaction.
    FOR    ${id}    IN    @{CREATED}
        Run Keyword And Ignore Error    Disconnect Interaction    ${id}
    END
    Disconnect All
    IF    not $ICWS_REPLAY and 'simulator' in $TEST_TAGS
        Hang Up Every Simulator Interaction
    END
