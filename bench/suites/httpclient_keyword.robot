*** Settings ***
Documentation    The floor of an HTTP keyword: one http.client GET per call, N times.

Library          ICWSLibrary
Library          ../BenchHelpers.py


*** Test Cases ***
HTTP Client Get
    ${session}    Connect To ICWS    ${USER}    ${PASSWORD}    server=${SERVER}
    ${client}    Open Raw Client    ${SERVER}    ${session}
    Start Timer
    FOR    ${_}    IN RANGE    ${N}
        Raw Client Get    ${client}    /icws/${session}/status/user-statuses/${USER}
    END
    Stop Timer    httpclient_keyword    ${N}
    Disconnect
