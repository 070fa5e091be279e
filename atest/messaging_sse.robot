*** Settings ***
Documentation     The messaging channel read as a stream of server-sent events, which
...               ``auto`` picks on servers with feature messaging 2 or later.

Resource          ../resources/messaging.resource

Suite Setup       Connect And Remember Status
Suite Teardown    Restore Status And Disconnect
Test Setup        Fresh Channel


*** Variables ***
${ICWS_MESSAGING}    auto    # robocop: off=VAR02


*** Test Cases ***
Subscription Starts With A Snapshot Then Deltas
    Subscription Starts With A Snapshot Then Deltas

Get Messages Returns And Removes What Arrived
    Get Messages Returns And Removes What Arrived

Wait Until User Status Is Reacts To Another Session's Change
    Wait Until User Status Is Reacts To Another Session's Change

Wait Until User Status Is Waits For A Later Change
    [Tags]    simulator
    Wait Until User Status Is Waits For A Later Change

Wait Until User Status Is Times Out Saying What It Saw
    Wait Until User Status Is Times Out Saying What It Saw

Wait For Message Times Out Listing What Arrived
    Wait For Message Times Out Listing What Arrived

No Deltas After Unsubscribing
    No Deltas After Unsubscribing

Disconnection While Waiting Fails At Once With The Reason
    [Tags]    simulator
    Disconnection While Waiting Fails At Once With The Reason

Wait Until Connection State Is Down
    [Tags]    simulator
    Wait Until Connection State Is Down

Wait Until Connection State Is Up
    Wait Until Connection State Is Up
