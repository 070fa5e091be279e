*** Settings ***
Documentation    Station logon: workstations, remote workstations, remote numbers, readiness,
...              and the refusals a real server gives. Station ids come from variables, so the
...              untagged tests also run against a lab server.

Resource         ../resources/icws.resource

Test Teardown    Leave Stations


*** Test Cases ***
Log On To A Workstation And Off Again
    Connect As Test User
    Log On To Workstation    ${ICWS_STATION}
    Station Should Be    ${ICWS_STATION}    kind=workstation
    ${station}    Get Station
    Should Be Equal    ${station}[kind]    workstation
    Should Be Equal As Strings    ${station}[id]    ${ICWS_STATION}
    User Should Be Logged In At Station    ${ICWS_STATION}

Log Off A Station
    Connect As Test User
    Log On To Workstation    ${ICWS_STATION}
    Log Off Station
    Station Should Not Be Connected
    ${station}    Get Station
    Should Be Equal    ${station}[kind]    none

Log On To A Remote Workstation
    Connect As Test User
    Log On To Remote Workstation    ${ICWS_OTHER_STATION}    remote_number=${ICWS_REMOTE_NUMBER}
    Station Should Be    ${ICWS_OTHER_STATION}    kind=remote workstation

Log On To A Remote Number
    Connect As Test User
    Log On To Remote Number    ${ICWS_REMOTE_NUMBER}    persistent=True
    ${station}    Get Station
    Should Be Equal    ${station}[kind]    remote number
    Station Should Be    ${ICWS_REMOTE_NUMBER}

Readiness And Media Are Set And Changed
    Connect As Test User
    Log On To Workstation    ${ICWS_STATION}    media=call, chat    ready=False
    ${station}    Get Station
    Should Not Be True    ${station}[readyForInteractions]
    Should Be Equal    ${station}[allowedMediaTypes]    ${{ [1, 2] }}
    Set Ready For Interactions
    ${station}    Get Station
    Should Be True    ${station}[readyForInteractions]
    Should Be Equal    ${station}[allowedMediaTypes]    ${{ [1, 2] }}

Wrong Station Is Station Should Be's Failure
    Connect As Test User
    Log On To Workstation    ${ICWS_STATION}
    Run Keyword And Expect Error
    ...    Expected station 'no-such-station', but the session has ${ICWS_STATION} (workstation).
    ...    Station Should Be
    ...    no-such-station
    Run Keyword And Expect Error    Expected no station, but the session is logged on to ${ICWS_STATION} (workstation).
    ...    Station Should Not Be Connected

A Watcher Sees The Agent Log In
    Connect As Test User    alias=agent
    Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}    alias=watcher
    Subscribe To User Statuses    ${ICWS_USER}
    Switch ICWS Session    agent
    Log On To Workstation    ${ICWS_STATION}
    Switch ICWS Session    watcher
    Wait Until User Is Logged In    ${ICWS_USER}    timeout=10s
    User Should Be Logged In At Station    ${ICWS_STATION}    user_id=${ICWS_USER}

An Unknown Station Is Refused With The Server's Reason
    Connect As Test User
    ${error}    Run Keyword And Expect Error    *    Log On To Workstation    no-such-station-x9
    Should Start With    ${error}    The station logon of '${ICWS_USER}' to workstation no-such-station-x9 was refused:
    Should Contain    ${error}    HTTP 400

A Station In Use By Another User Is Refused
    Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}    alias=holder
    Log On To Workstation    ${ICWS_STATION}
    Connect As Test User
    Run Keyword And Expect Error    *was refused*    Log On To Workstation    ${ICWS_STATION}

A User Without The Right Is Refused
    [Tags]    simulator
    Connect To ICWS    visitor    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}
    Run Keyword And Expect Error    *was refused: You are not allowed to log on to this station*
    ...    Log On To Workstation    ${ICWS_STATION}

A User Without A License Is Refused
    [Tags]    simulator
    Connect To ICWS    trainee    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}
    Run Keyword And Expect Error
    ...    *was refused: The following licenses were not available: I3_ACCESS_CLIENT*
    ...    Log On To Workstation    ${ICWS_STATION}

Unknown Media Are Refused Before Anything Is Sent
    Connect As Test User
    Run Keyword And Expect Error    Unknown media 'fax': use call, chat, *
    ...    Log On To Workstation    ${ICWS_STATION}    media=call, fax

Default Workstation Comes With The Logon
    [Tags]    simulator
    Connect To ICWS    agent3    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}
    ${station}    Get Default Workstation
    Should Be Equal    ${station}    7003
    Connect To ICWS    visitor    ${ICWS_OTHER_PASSWORD}    server=${ICWS_SERVER}
    ${no station}    Get Default Workstation
    Should Be Equal    ${no station}    ${NONE}


*** Keywords ***
Leave Stations
    [Documentation]    Logs every session off its station and the server, whatever the test did.
    Disconnect All
