*** Settings ***
Documentation    First steps with ICWSLibrary: log on, check the server, change a status.
...
...              It starts the embedded ICWS simulator itself, so it runs anywhere:
...              ``robot first_suite.robot``. To aim it at a CIC server instead, give the
...              server's URL and the agent's password:
...              ``ICWS_PASSWORD=... robot --variable SERVER:https://your-cic:8019 first_suite.robot``

Library          ICWSLibrary.Simulator
Library          ICWSLibrary

Suite Setup      Use The Simulator Unless A Server Is Given
Test Teardown    Disconnect All


*** Variables ***
# A CIC server's URL; empty starts the embedded simulator.
${SERVER}              ${EMPTY}
# The simulator's agents all have this password; give a real one in the environment.
# As a Secret, Robot never shows it in a log, even at --loglevel TRACE.
${PASSWORD: Secret}    %{ICWS_PASSWORD=1234}


*** Test Cases ***
Agent Logs On
    Connect To ICWS    agent1    ${PASSWORD}    server=${SERVER}
    Connection State Should Be Up
    Feature Version Should Be At Least    messaging    2

Agent Goes To Lunch And Comes Back
    Connect To ICWS    agent1    ${PASSWORD}    server=${SERVER}
    Set User Status    At Lunch
    User Status Should Be    At Lunch
    Set User Status    Available
    Wait Until User Status Is    Available

Agent Logs On To A Workstation
    Connect To ICWS    agent1    ${PASSWORD}    server=${SERVER}
    ${station}    Get Default Workstation
    Log On To Workstation    ${station}
    Station Should Be    ${station}    kind=workstation
    Log Off Station


*** Keywords ***
Use The Simulator Unless A Server Is Given
    [Documentation]    Starts the embedded simulator when no SERVER variable was given.
    IF    $SERVER    RETURN
    ${url}    Start ICWS Simulator
    VAR    ${SERVER}    ${url}    scope=SUITE    # robocop: off=VAR05
