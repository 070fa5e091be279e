*** Settings ***
Documentation     The simulator's console, in a real browser (Debian's Chromium, driven over
...               the DevTools protocol): a call placed from the page reaches an agent's
...               client, and the page shows it connected once the agent picks it up. Skipped,
...               saying why, where no Chromium can run.

Library           ../resources/ConsoleBrowser.py    AS    Browser
Resource          ../resources/icws.resource

Suite Setup       Start Console Simulator
Suite Teardown    Stop ICWS Simulator    alias=console
Test Teardown     Close Everything

Test Tags         simulator


*** Test Cases ***
A Call Placed From The Console Reaches An Agent And The Page Follows It
    Connect To ICWS    ${ICWS_AGENT}    ${ICWS_AGENT_PASSWORD}    server=${CONSOLE_URL}
    Log On To Workstation    ${ICWS_AGENT_STATION}
    Browser.Open Browser At    ${CONSOLE_URL}/console
    Browser.Page Should Show    document.querySelectorAll('.workgroups option').length > 0
    Browser.Click    \#place-call
    ${call}    Wait For Alerting Interaction    timeout=5s
    Pick Up Interaction    ${call}
    Browser.Page Should Show
    ...    document.getElementById('interaction-${call}')?.cells[2].textContent === 'Connected'


*** Keywords ***
Start Console Simulator
    [Documentation]    A simulator of its own, with the console on.
    ${url}    Start ICWS Simulator    alias=console    console=${True}
    VAR    ${CONSOLE_URL}    ${url}    scope=SUITE    # robocop: off=VAR05

Close Everything
    [Documentation]    Closes the browser and logs off.
    Browser.Close Browser
    Disconnect All
