*** Settings ***
Documentation    First steps with ICWSLibrary: log on, check the server, change a status.
...
...              It starts the embedded ICWS simulator itself, so it runs anywhere:
...              ``robot first_suite.robot``. To aim it at a CIC server, replace the suite
...              setup with ``server=https://your-cic:8019`` on the ICWSLibrary import.

Library          ICWSLibrary.Simulator
Library          ICWSLibrary

Suite Setup      Start The Simulator
Test Teardown    Disconnect All


*** Variables ***
# The simulator's agents all have this password; read real ones from the environment.
${PASSWORD}    %{ICWS_PASSWORD=1234}


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
Start The Simulator
    [Documentation]    Starts the embedded simulator and keeps its URL for the tests.
    ${url}    Start ICWS Simulator
    VAR    ${SERVER}    ${url}    scope=SUITE    # robocop: off=VAR05
