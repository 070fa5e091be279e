*** Settings ***
Documentation     User statuses: read, set and check, and the status catalog.
...
...               Changes are made to ``${ICWS_USER}``'s own status, which is restored when
...               the suite ends.

Resource          ../resources/icws.resource

Suite Setup       Connect And Remember Status
Suite Teardown    Restore Status And Disconnect


*** Variables ***
${AWAY}    Away from desk


*** Test Cases ***
Get User Status Has The ICWS Fields With Datetimes
    ${status}    Get User Status
    Should Be Equal    ${status}[userId]    ${ICWS_USER}
    Should Not Be Empty    ${status}[statusId]
    Should Be True    $status['statusChanged'].tzinfo is not None
    Should Be True    $status['onPhoneChanged'].tzinfo is not None
    Should Be True    isinstance($status['loggedIn'], bool)

Set User Status Returns When The Change Is Done
    Set User Status    ${AWAY}
    User Status Should Be    ${AWAY}
    Set User Status    Available, No ACD
    User Status Should Be    Available, No ACD

Status Ids Compare Without Case
    Set User Status    ${AWAY}
    User Status Should Be    AWAY FROM DESK
    User Status Should Be    away from desk    user_id=${ICWS_USER}

User Status Should Be Shows Both Statuses And When It Changed
    Set User Status    ${AWAY}
    Run Keyword And Expect Error
    ...    Expected the status of '${ICWS_USER}' to be 'At Lunch', but it is '${AWAY}' (changed *).
    ...    User Status Should Be    At Lunch
    Run Keyword And Expect Error    Not at lunch
    ...    User Status Should Be    At Lunch    message=Not at lunch

Notes Go With The Status
    Set User Status    ${AWAY}    notes=Back at 3
    User Status Notes Should Be    Back at 3
    Run Keyword And Expect Error
    ...    Expected the status notes of '${ICWS_USER}' to be 'Back at 4', but they are 'Back at 3'.
    ...    User Status Notes Should Be    Back at 4

Until Is A Datetime
    # A fixed date, so that a recording of this test replays.
    ${until}    Evaluate    datetime.datetime(2031, 12, 24, 9, 0, tzinfo=datetime.timezone.utc)
    Set User Status    On Vacation    until=${until}
    ${status}    Get User Status
    Should Be Equal    ${status}[until][untilDateTime]    ${until}

Unknown Status Is Refused With The Server's Reason
    ${error}    Run Keyword And Expect Error    *    Set User Status    Teleporting
    Should Start With    ${error}    The server refused to set the status of '${ICWS_USER}' to 'Teleporting'
    Should Contain    ${error}    Teleporting

Status Not Selectable By The User Is Refused
    [Tags]    simulator
    Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}    alias=agent
    Run Keyword And Expect Error    *cannot be selected by ${ICWS_OTHER_USER}*
    ...    Set User Status    Working at Home
    [Teardown]    Back To Main Session

Agent May Not Set Another User's Status
    [Tags]    simulator
    Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}    alias=agent
    ${error}    Run Keyword And Expect Error    *    Set User Status    At Lunch    user_id=${ICWS_USER}
    Should Contain    ${error}    HTTP 403
    Should Contain    ${error}    does not have the right to change the status of ${ICWS_USER}
    [Teardown]    Back To Main Session

Supervisor Sets An Agent's Status
    [Tags]    simulator
    Connect To ICWS    ${ICWS_SUPERVISOR}    ${ICWS_SUPERVISOR_PASSWORD}    server=${ICWS_SERVER}
    ...    alias=supervisor
    Set User Status    At Lunch    user_id=agent5
    User Status Should Be    At Lunch    user_id=agent5
    Set User Status    Available    user_id=agent5
    [Teardown]    Back To Main Session

Unknown User
    Run Keyword And Expect Error    *answered HTTP 404*    Get User Status    no.such.user
    # A real server's PUT documents no 404: 400 (or 404) both say the user is unknown.
    Run Keyword And Expect Error    The server refused to set the status of 'no.such.user'*answered HTTP 40?*
    ...    Set User Status    Available    user_id=no.such.user

Status Catalog
    ${catalog}    Get Status Messages
    ${ids}    Evaluate    [item['statusId'] for item in $catalog]
    Should Contain    ${ids}    Available
    ${message}    Get Status Message    away FROM desk
    Should Be Equal    ${message}[statusId]    ${AWAY}
    Should Not Be Empty    ${message}[messageText]
    Status Message Should Exist    ${AWAY}

Unknown Status Message Lists The Known Ones
    Run Keyword And Expect Error    Status 'Teleporting' is not in the status catalog of *. Known statuses: *Available*
    ...    Get Status Message    Teleporting
    Run Keyword And Expect Error    No such status
    ...    Status Message Should Exist    Teleporting    message=No such status

Allowed Statuses
    ${allowed}    Get Allowed Statuses
    Should Contain    ${allowed}    ${AWAY}
    Status Should Be Selectable    ${AWAY}
    Status Should Be Selectable    AWAY from desk    user_id=${ICWS_USER}
    Run Keyword And Expect Error
    ...    Expected '${ICWS_USER}' to be allowed to select status 'Teleporting', but the allowed statuses are: *
    ...    Status Should Be Selectable    Teleporting

Status Catalog Follows The Session Language
    [Tags]    simulator
    Import Library    ICWSLibrary    language=de-de    verify=${ICWS_VERIFY}    AS    German
    # Unqualified names keep meaning the suite's own library instance.
    Set Library Search Order    ICWSLibrary
    German.Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}
    ${lunch}    German.Get Status Message    At Lunch
    Should Be Equal    ${lunch}[messageText]    Mittagspause
    [Teardown]    German.Disconnect All

Logged In And On Phone
    [Tags]    simulator
    User Should Not Be Logged In
    User Should Not Be On Phone
    Run Keyword And Expect Error    Expected '${ICWS_USER}' to be on the phone, but they are not*
    ...    User Should Be On Phone
    Call ICWS    PUT    /connection/station
    ...    {"__type": "urn:inin.com:connection:workstationSettings", "workstation": "7001"}
    User Should Be Logged In
    Run Keyword And Expect Error    Expected '${ICWS_USER}' not to be logged in, but they are.
    ...    User Should Not Be Logged In
    [Teardown]    Call ICWS    DELETE    /connection/station

Status Changed By Another Client
    [Tags]    simulator
    Simulator Set User Status    ${ICWS_USER}    Do Not Disturb
    User Status Should Be    do not disturb


*** Keywords ***
Connect And Remember Status
    [Documentation]    Logs on as the test user and keeps its status to restore it later.
    Use ICWS Server
    Connect As Test User    alias=main
    ${status}    Get User Status
    VAR    ${ORIGINAL_STATUS}    ${status}[statusId]    scope=SUITE    # robocop: off=VAR05

Restore Status And Disconnect
    [Documentation]    Puts the test user's status back and logs off every session.
    Switch ICWS Session    main
    Set User Status    ${ORIGINAL_STATUS}
    Disconnect All

Back To Main Session
    [Documentation]    Logs off the test's extra session and returns to the suite's session.
    Disconnect
    Switch ICWS Session    main
