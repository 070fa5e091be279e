*** Settings ***
Documentation    The agent's side of workforce management: the published schedule, what
...              statuses count as, and time-off requests. Runs against a lab server too:
...              ``ICWS_AGENT`` must be a scheduled agent who may ask for time off as
...              ``ICWS_TIME_OFF_CODE``; every date comes from the server's published weeks,
...              and every request a test makes is canceled after it.
...              Tests tagged ``simulator`` check how the default scenario decides requests.

Library          Collections
Resource         ../resources/icws.resource

Test Setup       Start Test
Test Teardown    Run Keywords    Cancel Requested Time Off    AND    Disconnect All


*** Variables ***
${ICWS_TIME_OFF_CODE}    Vacation
${ICWS_WORK_CODE}        Work


*** Test Cases ***
The Server Offers Workforce Management
    Feature Version Should Be At Least    wfm    1

The Published Schedule Holds The Agent's Activities
    ${first}    ${last}    Get Schedule Dates Range
    Should Be True    $first < $last
    ${schedule}    Get Schedule    ${first}    ${last}
    Should Not Be Empty    ${schedule}
    VAR    ${activity}    ${schedule}[0]
    Scheduled Activity Should Be    ${activity}[startTimeUtc]    ${activity}[activityType]
    Scheduled Activity Should Be    ${activity}[startTimeUtc]    ${activity}[activityCodeId]
    Run Keyword And Expect Error    * is scheduled for *, not Nothing Like This.
    ...    Scheduled Activity Should Be    ${activity}[startTimeUtc]    Nothing Like This

Statuses Count As Activity Types
    ${types}    Get Status Activity Types
    Should Not Be Empty    ${types}

A Time-Off Request Is Decided Or Waits, And Can Be Canceled
    ${day}    Day Of Next Week
    ${id}    Ask For Time Off    ${ICWS_TIME_OFF_CODE}    ${day}
    ...    description=ICWSLibrary acceptance test
    ${request}    Get Time Off Request    ${id}
    Should Contain    ${{ ["Pending", "Approved"] }}    ${request}[requestState]
    Should Be Equal    ${request}[description]    ICWSLibrary acceptance test
    ${requests}    Get Time Off Requests    ${day}    ${{ $day + datetime.timedelta(days=1) }}
    Should Contain    ${{ [r['timeOffRequestId'] for r in $requests] }}    ${id}
    Cancel Time Off Request    ${id}
    Time Off Request Should Be    ${id}    Canceled
    Run Keyword And Expect Error    *Time-off request ${id} is Canceled, not Approved.
    ...    Time Off Request Should Be    ${id}    Approved

Time Off Is Asked As A Time-Off Activity Code
    ${day}    Day Of Next Week
    Run Keyword And Expect Error    Asking for time off as ${ICWS_WORK_CODE} was refused: *
    ...    Request Time Off    ${ICWS_WORK_CODE}    ${day}
    Run Keyword And Expect Error    There is no activity code 'No Such Code'*
    ...    Request Time Off    No Such Code    ${day}

The Shift Puts Lunch After The Morning's Work
    [Tags]    simulator
    ${monday}    Day Of Next Week
    Scheduled Activity Should Be    ${{ $monday + datetime.timedelta(hours=9) }}    ACD
    Scheduled Activity Should Be    ${{ $monday + datetime.timedelta(hours=13, minutes=10) }}    Meal
    Scheduled Activity Should Be    ${{ $monday + datetime.timedelta(hours=13, minutes=10) }}    Lunch
    Scheduled Activity Should Be    ${{ $monday + datetime.timedelta(hours=20) }}    NONE
    Scheduled Activity Should Be    ${{ $monday - datetime.timedelta(hours=12) }}    NONE

A Vacation Within The Balance Is Approved At Once
    [Tags]    simulator
    ${monday}    Day Of Next Week
    ${id}    Ask For Time Off    Vacation    ${monday}    ${{ $monday + datetime.timedelta(days=1) }}
    Time Off Request Should Be    ${id}    Approved
    ${request}    Get Time Off Request    ${id}
    Should Be Equal As Integers    ${request}[lengthInMinutes]    960
    Should Be Equal    ${request}[requestType]    FullDay
    Should Be True    ${request}[isPaidTime]

A Code Outside The Accrual Plan Waits For A Supervisor
    [Tags]    simulator
    ${tuesday}    Day Of Next Week    days=9
    ${id}    Ask For Time Off    Sick    ${tuesday}
    Run Keyword And Expect Error
    ...    Time-off request ${id} is Pending (ActivityCodeNotPartOfAccrualPlan), not Approved.
    ...    Time Off Request Should Be    ${id}    Approved
    Simulator Review Time Off Request    ${id}    approve=True    reviewer=${ICWS_SUPERVISOR}
    Wait Until Time Off Request Is    ${id}    Approved    timeout=5s
    ${request}    Get Time Off Request    ${id}
    Should Be Equal    ${request}[reviewerUserId]    ${ICWS_SUPERVISOR}

A Request Overlapping Another Is Denied Saying Why
    [Tags]    simulator
    ${wednesday}    Day Of Next Week    days=10
    Ask For Time Off    Vacation    ${wednesday}
    ${again}    Ask For Time Off    Sick    ${wednesday}
    Run Keyword And Expect Error
    ...    Time-off request ${again} is Denied (RequestOverlapsWithExistingTOR), not Pending.
    ...    Time Off Request Should Be    ${again}    Pending
    Run Keyword And Expect Error
    ...    Time-off request ${again} was still Denied (RequestOverlapsWithExistingTOR) after 0.3 s, not Approved.
    ...    Wait Until Time Off Request Is    ${again}    Approved    timeout=0.3s

Part Of A Day Counts Its Hours
    [Tags]    simulator
    ${thursday}    Day Of Next Week    days=11
    ${id}    Ask For Time Off    Vacation    ${{ $thursday + datetime.timedelta(hours=13) }}
    ...    ${{ $thursday + datetime.timedelta(hours=15) }}    full_day=${False}
    ${request}    Get Time Off Request    ${id}
    Should Be Equal As Integers    ${request}[lengthInMinutes]    120
    Should Be Equal    ${request}[requestType]    PartialDay


*** Keywords ***
Start Test
    [Documentation]    Logs on as the agent; the test's requests are canceled after it.
    VAR    @{REQUESTED}    @{EMPTY}    scope=TEST    # robocop: off=VAR06
    Connect To ICWS    ${ICWS_AGENT}    ${ICWS_AGENT_PASSWORD}    server=${ICWS_SERVER}

Day Of Next Week
    [Documentation]    A day of the published weeks that is always ahead: by default the
    ...    second day of next week (a Monday, as the default scenario's weeks start on Sunday).
    [Arguments]    ${days}=8
    ${first}    ${_}    Get Schedule Dates Range
    RETURN    ${{ $first + datetime.timedelta(days=int($days)) }}

Ask For Time Off
    [Documentation]    Requests Time Off, and remembers the request to cancel it after the test.
    [Arguments]    ${activity}    @{dates}    &{options}
    ${id}    Request Time Off    ${activity}    @{dates}    &{options}
    Append To List    ${REQUESTED}    ${id}
    RETURN    ${id}

Cancel Requested Time Off
    [Documentation]    Cancels what the test asked for that is still pending or approved.
    FOR    ${id}    IN    @{REQUESTED}
        Run Keyword And Ignore Error    Cancel Time Off Request    ${id}
    END
