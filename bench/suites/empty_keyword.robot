*** Settings ***
Documentation    Robot's own floor: an empty Python keyword, N times.

Library          ../BenchHelpers.py


*** Test Cases ***
Empty Keyword
    Start Timer
    FOR    ${_}    IN RANGE    ${N}
        Do Nothing    ${USER}
    END
    Stop Timer    empty_keyword    ${N}
