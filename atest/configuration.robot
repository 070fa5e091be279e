*** Settings ***
Documentation    The checks after every deployment: configuration objects exist as configured,
...              agents belong where they should with the skills they need, and after-call
...              work and wrap-up codes behave.
...
...              Untagged tests read configuration and use generic interactions, so they run
...              against a lab server too: give the ids of its objects with the variables of
...              ``resources/icws.resource`` (``ICWS_AGENT``, ``ICWS_WORKGROUP``, ``ICWS_SKILL``,
...              ``ICWS_WRAP_UP_WORKGROUP``, ``ICWS_WRAP_UP_AGENT``, ``ICWS_WRAP_UP_CODE``, ...).
...              Tests tagged ``simulator`` write configuration or move the simulator's clock.

Library          Collections
Resource         ../resources/icws.resource

Test Teardown    Disconnect All


*** Test Cases ***
Configured Objects Exist
    Connect As Test User
    Configuration Object Should Exist    users    ${ICWS_AGENT}
    Configuration Object Should Exist    workgroups    ${ICWS_WORKGROUP}
    Configuration Object Should Exist    stations    ${ICWS_AGENT_STATION}
    Configuration Object Should Exist    skills    ${ICWS_SKILL}
    Configuration Object Should Exist    wrap-up-codes    ${ICWS_WRAP_UP_CODE}

A Missing Object Fails With The Server's Answer
    Connect As Test User
    Run Keyword And Expect Error
    ...    Expected workgroups object 'No Such Workgroup' to exist on *, but the server answered 404 *
    ...    Configuration Object Should Exist    workgroups    No Such Workgroup
    Run Keyword And Expect Error    There is no such workgroup.
    ...    Configuration Object Should Exist    workgroups    No Such Workgroup
    ...    message=There is no such workgroup.

An Object Comes Back With The Properties Asked For
    Connect As Test User
    ${workgroup}    Get Configuration Object    workgroups    ${ICWS_WORKGROUP}    members    queueType
    Should Be Equal    ${workgroup}[configurationId][id]    ${ICWS_WORKGROUP}
    Should Be Equal As Integers    ${workgroup}[queueType]    5
    ${keys}    Get Dictionary Keys    ${workgroup}    sort_keys=${True}
    Should Be Equal    ${keys}    ${{ ["configurationId", "members", "queueType"] }}
    ${user}    Get Configuration Object    users    ${ICWS_AGENT}
    Should Be Equal    ${{ list($user) }}    ${{ ["configurationId"] }}

A Search Finds The Objects Meeting Every Condition
    Connect As Test User
    ${found}    Get Configuration Objects    users    extension
    ...    where=configurationId.id eq ${ICWS_AGENT}
    Length Should Be    ${found}    1
    Should Be Equal    ${found}[0][extension]    ${ICWS_AGENT_EXTENSION}
    ${codes}    Get Configuration Objects    wrap-up-codes
    ${ids}    Evaluate    [code['configurationId']['id'] for code in $codes]
    Should Contain    ${ids}    ${ICWS_WRAP_UP_CODE}

Properties Are Checked Along Dotted Paths
    Connect As Test User
    Configuration Property Should Be    users    ${ICWS_AGENT}    extension    ${ICWS_AGENT_EXTENSION}
    Configuration Property Should Be    users    ${ICWS_AGENT}    licenseProperties.mediaLevel
    ...    ${ICWS_AGENT_MEDIA_LEVEL}
    Configuration Property Should Be    workgroups    ${ICWS_WRAP_UP_WORKGROUP}    isWrapUpActive    true
    Configuration Property Should Be    workgroups    ${ICWS_WRAP_UP_WORKGROUP}    wrapUpStatus
    ...    ${ICWS_WRAP_UP_STATUS}
    Run Keyword And Expect Error
    ...    Expected extension of users object '${ICWS_AGENT}' to be '0000', but it is '${ICWS_AGENT_EXTENSION}'.
    ...    Configuration Property Should Be    users    ${ICWS_AGENT}    extension    0000
    Run Keyword And Expect Error    Expected licenseProperties.nothing of users object * it has no *
    ...    Configuration Property Should Be    users    ${ICWS_AGENT}    licenseProperties.nothing    x

Agents Belong To Their Workgroups
    Connect As Test User
    User Should Be Member Of Workgroup    ${ICWS_WORKGROUP}    user_id=${ICWS_AGENT}
    ${members}    Get Workgroup Members    ${ICWS_WORKGROUP}
    Should Contain    ${members}    ${ICWS_AGENT}
    ${workgroups}    Get User Workgroups    ${ICWS_AGENT}
    Should Contain    ${workgroups}    ${ICWS_WORKGROUP}
    Run Keyword And Expect Error
    ...    Expected '${ICWS_NON_MEMBER}' to be a member of workgroup ${ICWS_WORKGROUP}, but its members are: *
    ...    User Should Be Member Of Workgroup    ${ICWS_WORKGROUP}    user_id=${ICWS_NON_MEMBER}

Agents Have The Skills They Need
    Connect As Test User
    ${skills}    Get User Skills    ${ICWS_AGENT}
    Dictionary Should Contain Key    ${skills}    ${ICWS_SKILL}
    User Should Have Skill    ${ICWS_SKILL}    min_proficiency=${ICWS_SKILL_PROFICIENCY}    user_id=${ICWS_AGENT}
    Run Keyword And Expect Error
    ...    Expected '${ICWS_AGENT}' to have skill ${ICWS_SKILL} with proficiency 101 or more, but it is *.
    ...    User Should Have Skill    ${ICWS_SKILL}    min_proficiency=101    user_id=${ICWS_AGENT}
    Run Keyword And Expect Error
    ...    Expected '${ICWS_AGENT}' to have skill Juggling with proficiency 0 or more, but they do not have it; *
    ...    User Should Have Skill    Juggling    user_id=${ICWS_AGENT}

A Workgroup Offers Its Wrap-Up Codes
    Connect As Test User
    ${codes}    Get Workgroup Wrap-Up Codes    ${ICWS_WRAP_UP_WORKGROUP}
    Should Contain    ${codes}    ${ICWS_WRAP_UP_CODE}
    Should Not Contain    ${codes}    ${ICWS_FOREIGN_WRAP_UP_CODE}

After-Call Work Lasts Until A Wrap-Up Code Is Assigned
    ${id}    Handle An Interaction Of The Wrap-Up Workgroup
    Disconnect Interaction    ${id}
    Wait Until User Status Is    ${ICWS_WRAP_UP_STATUS}    timeout=10s
    Run Keyword And Expect Error
    ...    '${ICWS_WRAP_UP_AGENT}' could not assign wrap-up code '${ICWS_FOREIGN_WRAP_UP_CODE}' to interaction ${id}: *
    ...    Assign Wrap-Up Code    ${id}    ${ICWS_FOREIGN_WRAP_UP_CODE}
    User Status Should Be    ${ICWS_WRAP_UP_STATUS}
    Assign Wrap-Up Code    ${id}    ${ICWS_WRAP_UP_CODE}
    Wait Until User Status Is    Available    timeout=10s

After-Call Work Ends By Itself When The Wrap-Up Timeout Passes
    [Tags]    simulator
    ${id}    Handle An Interaction Of The Wrap-Up Workgroup
    Simulator Hang Up    ${id}
    Wait Until User Status Is    ${ICWS_WRAP_UP_STATUS}    timeout=5s
    Simulator Advance Time    31s
    Wait Until User Status Is    Available    timeout=5s

An Agent Reading With The Admin Filter Is Refused
    [Tags]    simulator
    Connect As Agent
    ${error}    Run Keyword And Expect Error    *
    ...    Get Configuration Object    workgroups    ${ICWS_WORKGROUP}    rights_filter=admin
    Should Start With    ${error}    Reading workgroups object '${ICWS_WORKGROUP}' was refused:
    Should Contain    ${error}    HTTP 403
    ${listed}    Get Configuration Objects    workgroups    rights_filter=ADMIN
    Should Be Empty    ${listed}

An Administrator Creates A Workgroup That Routes At Once
    [Tags]    simulator
    Connect To ICWS    ${ICWS_ADMIN}    ${ICWS_ADMIN_PASSWORD}    server=${ICWS_SERVER}    alias=admin
    Call ICWS    POST    /configuration/workgroups
    ...    {"configurationId": {"id": "Billing"}, "members": ["${ICWS_AGENT}"], "extension": "2003"}
    Configuration Property Should Be    workgroups    Billing    extension    2003
    Connect As Agent
    User Should Be Member Of Workgroup    Billing
    ${id}    Create Generic Interaction    Billing
    ${alerting}    Wait For Alerting Interaction    timeout=5s
    Should Be Equal    ${alerting}    ${id}
    [Teardown]    Remove Workgroup And Its Interactions    Billing


*** Keywords ***
Handle An Interaction Of The Wrap-Up Workgroup
    [Documentation]    Logs the wrap-up agent on, ready, and has them pick up a generic
    ...    interaction routed to them through ``${ICWS_WRAP_UP_WORKGROUP}``; returns its id.
    Connect To ICWS    ${ICWS_WRAP_UP_AGENT}    ${ICWS_WRAP_UP_AGENT_PASSWORD}    server=${ICWS_SERVER}
    ...    alias=wrap-up agent
    Set User Status    Available
    Log On To Workstation    ${ICWS_WRAP_UP_STATION}    media=call, generic
    ${id}    Create Generic Interaction    ${ICWS_WRAP_UP_WORKGROUP}    remote_name=Wrap-up test
    ${alerting}    Wait For Alerting Interaction    timeout=10s
    Should Be Equal    ${alerting}    ${id}
    Pick Up Interaction    ${id}
    Wait Until Interaction State Is    ${id}    Connected    timeout=5s
    RETURN    ${id}

Remove Workgroup And Its Interactions
    [Documentation]    Hangs up every interaction of the simulator, deletes ``${workgroup}``
    ...    as the administrator and logs everyone off, leaving the server as the test found it.
    [Arguments]    ${workgroup}
    Hang Up Every Simulator Interaction
    Switch ICWS Session    admin
    Call ICWS    DELETE    /configuration/workgroups/${workgroup}
    Disconnect All
