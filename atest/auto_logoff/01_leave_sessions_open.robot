*** Settings ***
Documentation    Opens sessions and never logs them off. The next suite checks that the
...              library logged them off when this suite ended. (utest/library covers the
...              same with a failing test.)

Resource         ../../resources/icws.resource

Suite Setup      Use ICWS Server

Test Tags        simulator


*** Test Cases ***
Leave A Session Open
    ${session}    Connect As Test User    alias=left-open
    VAR    ${LEFT_OPEN_SESSION}    ${session}    scope=GLOBAL    # robocop: off=VAR04

Leave A Second Session Open
    ${session}    Connect To ICWS    ${ICWS_OTHER_USER}    ${ICWS_OTHER_PASSWORD}
    ...    server=${ICWS_SERVER}
    VAR    ${SECOND_LEFT_OPEN_SESSION}    ${session}    scope=GLOBAL    # robocop: off=VAR04
