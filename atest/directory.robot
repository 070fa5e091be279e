*** Settings ***
Documentation    The company directory: people found by name, what their entry shows, and
...              the user's private contacts. Runs against a lab server too: give
...              ``ICWS_AGENT`` (whose display name contains ``ICWS_AGENT_NAME_PART``).

Resource         ../resources/icws.resource

Test Setup       Connect As Agent
Test Teardown    Disconnect All


*** Variables ***
${ICWS_AGENT_NAME_PART}    agent


*** Test Cases ***
The Server Offers The Directory And Session Features
    Feature Version Should Be At Least    directories    4
    Feature Should Be Supported    session

A Colleague Is Found By Part Of Their Name And Shows Their Status
    ${entries}    Find In Directory    ${ICWS_AGENT_NAME_PART}    max_entries=50
    ${ids}    Evaluate    [entry['id'] for entry in $entries]
    Should Contain    ${ids}    ${ICWS_AGENT}
    Set User Status    Available
    Directory Entry Should Show    ${ICWS_AGENT}    status=Available    on_phone=${False}
    Run Keyword And Expect Error    The directory entry of ${ICWS_AGENT} shows status*expected 'Gone Home'*
    ...    Directory Entry Should Show    ${ICWS_AGENT}    status=Gone Home

A Workgroup Is Found By Its Name
    ${entries}    Find In Directory    ${ICWS_WORKGROUP}    type=workgroup
    Should Be Equal    ${entries}[0][id]    ${ICWS_WORKGROUP}

A Private Contact Is Added And Removed
    ${contact}    Add Private Contact    firstName=Pat    lastName=Doe    mobilePhone=3175550100
    Remove Private Contact    ${contact}
    Run Keyword And Expect Error    *could not remove private contact ${contact}*
    ...    Remove Private Contact    ${contact}
