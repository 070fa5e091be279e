*** Settings ***
Documentation       Acceptance tests of ICWSLibrary.
...
...                 They run against the embedded ICWS simulator unless ``ICWS_SERVER`` is given.
Resource            ../resources/icws.resource
Suite Setup         Use ICWS Server
Suite Teardown      Release Pabot Accounts
