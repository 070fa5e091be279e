*** Settings ***
Documentation     Acceptance tests of ICWSLibrary.
...
...               They run against the embedded ICWS simulator unless ``ICWS_SERVER`` is given.

Resource          ../resources/icws.resource

Suite Setup       Use ICWS Server
Suite Teardown    Release Pabot Accounts
# A regression must fail, never hang CI: no acceptance test takes near this long.
Test Timeout      2 minutes
