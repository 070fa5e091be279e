*** Settings ***
Documentation    Logon through a switchover pair: 503 with an alternate host list.
...
...              The scenarios serve several loopback addresses on one port: 127.0.0.1
...              refuses and sends the client on to the next host.

Resource         ../resources/icws.resource

Test Teardown    Run Keywords    Disconnect All    AND    Stop ICWS Simulator    switchover

Test Tags        simulator


*** Test Cases ***
Logon Follows The Alternate Hosts In Order
    ${url}    Start ICWS Simulator    switchover
    ...    certfile=${ICWS_CERTFILE}    keyfile=${ICWS_KEYFILE}
    ...    alias=switchover
    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${url}
    ${info}    Get Session Info
    Should Be Equal    ${info}[initialServer]    ${url}
    Should Be Equal    ${info}[server]    ${url.replace('127.0.0.1', '127.0.0.2')}
    Connection State Should Be Up

Switchover Loop Stops With What Each Host Said
    ${url}    Start ICWS Simulator    switchover-loop
    ...    certfile=${ICWS_CERTFILE}    keyfile=${ICWS_KEYFILE}
    ...    alias=switchover
    ${error}    Run Keyword And Expect Error    *
    ...    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${url}
    Should Start With    ${error}    No CIC server accepted the logon of user '${ICWS_USER}'
    Should Contain    ${error}    error.server.notAcceptingConnections
    Should Contain    ${error}    127.0.0.2

A Refusing Host Made Accepting Takes The Logon Itself
    ${url}    Start ICWS Simulator    switchover
    ...    certfile=${ICWS_CERTFILE}    keyfile=${ICWS_KEYFILE}
    ...    alias=switchover
    Set Simulator Host Accepting    127.0.0.1    True
    Connect To ICWS    ${ICWS_USER}    ${ICWS_PASSWORD}    server=${url}
    ${info}    Get Session Info
    Should Be Equal    ${info}[server]    ${url}
    Set Simulator Host Accepting    127.0.0.1    False
    Run Keyword And Expect Error    No running ICWS simulator has alias 'nothing'.*
    ...    Stop ICWS Simulator    nothing
