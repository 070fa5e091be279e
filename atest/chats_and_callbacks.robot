*** Settings ***
Documentation    Chats and callbacks: routed like calls to agents whose station takes their
...              media; a chat keeps its members and transcript, a callback its attempts.
...
...              Untagged tests start chats and ask for callbacks from a second account, so
...              they run against a lab server too: give ``ICWS_SUPERVISOR`` (not a member of
...              ``${ICWS_WORKGROUP}``), ``ICWS_AGENT``, ``ICWS_AGENT_STATION``,
...              ``ICWS_WORKGROUP`` and ``ICWS_EXTERNAL_NUMBER``. Tests tagged ``simulator``
...              let a visitor outside the server write with the simulator's control keywords.

Library          Collections
Resource         ../resources/icws.resource

Test Setup       Forget Created Interactions
Test Teardown    Clear Chats And Callbacks


*** Test Cases ***
A Chat With A Workgroup Reaches An Agent And Both Sides Read Each Other
    Connect As Agent Taking    call, chat
    Connect As Customer
    ${chat}    Create Test Chat
    Send Chat Message    ${chat}    Hello, I need help with my order.
    Switch ICWS Session    agent
    Answer    ${chat}
    ${first}    Wait For Chat Message    ${chat}    contains=help
    Should Be Equal    ${first}[userId]    ${ICWS_SUPERVISOR}
    Send Chat Message    ${chat}    How can I help?
    Customer Should Read    ${chat}    How can I help?

A Chat Is Offered Only To A Station That Takes Chats
    Connect As Agent Taking    call
    Connect As Customer
    ${chat}    Create Test Chat
    Interaction State Should Be    ${chat}    Offering
    Switch ICWS Session    agent
    Set Ready For Interactions    media=call, chat
    Wait Until Interaction State Is    ${chat}    Alerting    timeout=5s

A Visitor's Chat Is Read By The Agent Who Picks It Up
    [Tags]    simulator
    Connect As Agent Taking    chat
    ${chat}    Simulator Place Inbound Chat    ${ICWS_WORKGROUP}    name=Pat Visitor
    Answer    ${chat}
    Simulator Send Chat Message    ${chat}    Where is my order?
    ${message}    Wait For Chat Message    ${chat}    contains=ORDER
    Should Be Equal    ${message}[from]    Pat Visitor
    Should Be Equal    ${message}[memberType]    External
    Should Be Empty    ${message}[userId]
    Interaction Attribute Should Be    ${chat}    Eic_RemoteName    Pat Visitor

Waiting For A Message Nobody Writes Lists The Transcript, And An Ended Chat Takes No More
    Connect As Customer
    ${chat}    Create Test Chat
    Send Chat Message    ${chat}    Only me so far
    ${error}    Run Keyword And Expect Error    *    Wait For Chat Message    ${chat}    timeout=0.2s
    Should Start With    ${error}    No new message from another member of chat ${chat} within 0.2 s.
    Should End With    ${error}    : 'Only me so far'.
    Disconnect Interaction    ${chat}
    Run Keyword And Expect Error    '${ICWS_SUPERVISOR}' could not write to chat ${chat}: *
    ...    Send Chat Message    ${chat}    Anyone?

A Callback Reaches An Agent Who Calls The Customer Back And Ends With Success
    Connect As Agent Taking    call, callback
    Connect As Customer
    ${callback}    Create Callback    ${ICWS_EXTERNAL_NUMBER}    ${ICWS_WORKGROUP}    Billing question
    ...    name=Pat Caller
    Append To List    ${CREATED}    ${callback}
    Callback Should Have    ${callback}    subject=Billing question    name=Pat Caller    attempts=${0}
    Answer And Call The Customer Back    ${callback}
    Set Callback Disposition    ${callback}    Success
    Wait Until Interaction State Is    ${callback}    Disconnected    timeout=5s
    Callback Should Have    ${callback}    target=${ICWS_EXTERNAL_NUMBER}    attempts=${1}

A Retried Callback Returns To The Queue Until Its Attempts Are Used
    [Tags]    simulator
    Connect As Agent Taking    callback
    ${callback}    Create Callback    ${ICWS_EXTERNAL_NUMBER}    ${ICWS_WORKGROUP}    Retry me
    Append To List    ${CREATED}    ${callback}
    FOR    ${attempt}    IN RANGE    1    3
        Retry And See It Offered Again    ${callback}    ${attempt}
    END
    Pick Up Interaction    ${callback}
    Set Callback Disposition    ${callback}    Retry
    Wait Until Interaction State Is    ${callback}    Disconnected    timeout=5s
    Run Keyword And Expect Error    *could not set the disposition of callback ${callback}*
    ...    Set Callback Disposition    ${callback}    Success


*** Keywords ***
Connect As Agent Taking
    [Documentation]    Logs on as ``${ICWS_AGENT}`` (alias ``agent``) to the agent's station,
    ...    ready for interactions of these media.
    [Arguments]    ${media}
    Connect To ICWS    ${ICWS_AGENT}    ${ICWS_AGENT_PASSWORD}    server=${ICWS_SERVER}    alias=agent
    Log On To Workstation    ${ICWS_AGENT_STATION}    media=${media}

Connect As Customer
    [Documentation]    Logs on as ``${ICWS_SUPERVISOR}`` (alias ``customer``), who starts chats
    ...    and asks for callbacks.
    Connect To ICWS    ${ICWS_SUPERVISOR}    ${ICWS_SUPERVISOR_PASSWORD}    server=${ICWS_SERVER}
    ...    alias=customer

Create Test Chat
    [Documentation]    Starts a chat with ``${ICWS_WORKGROUP}``, remembered for the teardown.
    ${chat}    Create Chat    ${ICWS_WORKGROUP}
    Append To List    ${CREATED}    ${chat}
    RETURN    ${chat}

Answer
    [Documentation]    Waits until the interaction alerts the agent, and picks it up.
    [Arguments]    ${id}
    ${alerting}    Wait For Alerting Interaction
    Should Be Equal    ${alerting}    ${id}
    Pick Up Interaction    ${id}

Customer Should Read
    [Documentation]    As the customer, waits for ``${text}`` from the agent, and finds both
    ...    sides' messages in the transcript.
    [Arguments]    ${chat}    ${text}
    Switch ICWS Session    customer
    ${reply}    Wait For Chat Message    ${chat}
    Should Be Equal    ${reply}[text]    ${text}
    Should Be Equal    ${reply}[userId]    ${ICWS_AGENT}
    ${transcript}    Get Chat Transcript    ${chat}
    Length Should Be    ${transcript}    2
    Should Be Equal    ${transcript}[0][memberType]    Current User

Retry And See It Offered Again
    [Documentation]    Picks up the callback, asks to retry it, and sees it alert again after
    ...    this many attempts.
    [Arguments]    ${callback}    ${attempt}
    Pick Up Interaction    ${callback}
    Set Callback Disposition    ${callback}    retry
    Wait Until Interaction State Is    ${callback}    Alerting    timeout=5s
    Callback Should Have    ${callback}    attempts=${attempt}

Answer And Call The Customer Back
    [Documentation]    As the agent, answers the callback, calls its customer back, and
    ...    checks the server links the call to the callback.
    [Arguments]    ${callback}
    Switch ICWS Session    agent
    Answer    ${callback}
    ${call}    Call Back    ${callback}
    Append To List    ${CREATED}    ${call}
    Callback Should Have    ${callback}    associatedCallId=${call}

Callback Should Have
    [Documentation]    Fails unless the callback, as the server tells it now, has these values.
    [Arguments]    ${callback}    &{expected}
    ${details}    Get Callback    ${callback}
    FOR    ${name}    ${value}    IN    &{expected}
        Should Be Equal    ${details}[${name}]    ${value}    ${name} of callback ${callback}
    END

Clear Chats And Callbacks
    [Documentation]    Ends what the test created and logs off; on the simulator, also ends
    ...    every interaction and lets them leave the queues.
    FOR    ${id}    IN    @{CREATED}
        Run Keyword And Ignore Error    Disconnect Interaction    ${id}
    END
    Disconnect All
    IF    not $ICWS_REPLAY and 'simulator' in $TEST_TAGS
        Hang Up Every Simulator Interaction
    END
