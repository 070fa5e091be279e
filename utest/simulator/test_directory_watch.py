"""Directory subscriptions: a page of a directory's contacts, filtered and sorted, and
the changes to it (status, on the phone, private contacts added and removed). [SDK]
Directories.js: directorySubscriptionParameters {directoryID, count, index, filterItems,
sortItems}; directoryMessage {subscriptionId, totalCount, filteredCount, contactsAdded,
contactsChanged, contactsRemoved}; contactEntry with entryID and index."""

import pytest

from .helpers import RawSession, error_of
from .test_contact_center import Agent

PARAMETERS = "urn:inin.com:directories:directorySubscriptionParameters"
MESSAGE = "urn:inin.com:directories:directoryMessage"
DISPLAY_NAME, LAST_NAME, EXTENSION = 26, 2, 3
PREFIX, EXACT = 1, 0


def subscribe(session, sub="d", directory="CompanyDirectory", **fields):
    body = {"__type": PARAMETERS, "directoryID": directory, **fields}
    return session.request("PUT", f"/messaging/subscriptions/directories/{sub}", json=body)


def told(session):
    return [m for m in session.messages() if m["__type"] == MESSAGE]


def test_a_page_of_the_company_directory_sorted_and_filtered(simulator):
    me = RawSession(simulator.url, "kevin.glinski")
    answer = subscribe(me, count=3, index=1,
                       sortItems=[{"contactProperty": DISPLAY_NAME, "sortDirection": 1}],
                       filterItems=[{"contactProperty": DISPLAY_NAME, "filterType": PREFIX,
                                     "filterExpressions": ["agent"]}])  # fmt: skip
    assert answer.status_code == 204, answer.text
    (first,) = told(me)
    assert (first["subscriptionId"], first["isDelta"]) == ("d", False)
    assert first["totalCount"] == 14, "the default scenario's users"
    assert first["filteredCount"] == 8, "agent1 to agent8"
    names = [c["displayName"] for c in first["contactsAdded"]]
    assert names == ["Agent 7", "Agent 6", "Agent 5"], "descending, from the second"
    entry = first["contactsAdded"][0]
    assert entry["__type"] == "urn:inin.com:directories:contactEntry"
    assert (entry["entryID"], entry["index"], entry["userID"]) == ("agent7", 1, "agent7")
    assert entry["statusID"] and entry["loggedIn"] is False and entry["onPhone"] is False


def test_a_shown_members_status_and_phone_are_told_others_are_not(simulator):
    me = RawSession(simulator.url, "kevin.glinski")
    subscribe(me, count=2, filterItems=[{"contactProperty": DISPLAY_NAME, "filterType": EXACT,
                                         "filterExpressions": ["Agent 1", "Agent 2"]}])  # fmt: skip
    assert [c["entryID"] for c in told(me)[0]["contactsAdded"]] == ["agent1", "agent2"]
    simulator.set_user_status("agent1", "At Lunch")
    simulator.set_user_status("agent5", "At Lunch")  # not on the page
    (change,) = told(me)
    assert change["isDelta"] is True and change["contactsAdded"] == []
    (entry,) = change["contactsChanged"]
    assert (entry["entryID"], entry["statusID"], entry["index"]) == ("agent1", "At Lunch", 0)
    agent = Agent(simulator.url, "agent2", "7002")
    call_id = simulator.place_inbound_call("Support")
    agent.call("POST", f"/interactions/{call_id}/pickup")
    simulator.advance_time(1)
    changes = [c for m in told(me) for c in m["contactsChanged"]]
    assert any(c["entryID"] == "agent2" and c["onPhone"] is True for c in changes)
    assert me.request("DELETE", "/messaging/subscriptions/directories/d").status_code == 204
    simulator.set_user_status("agent1", "Available")
    assert told(me) == []


def test_private_contacts_added_and_removed_are_told(simulator):
    me = RawSession(simulator.url, "agent1")
    assert subscribe(me, directory="PrivateContacts").status_code == 204
    (first,) = told(me)
    assert (first["totalCount"], first["contactsAdded"]) == (0, [])
    added = me.request("POST", "/directories/contacts/PrivateContacts",
                       json={"firstName": "Pat", "lastName": "Lee"})  # fmt: skip
    entry_id = added.json()["entryId"]  # [SDK] ContactEntryId {entryId}
    (change,) = told(me)
    assert [(c["entryID"], c["displayName"]) for c in change["contactsAdded"]] == [
        (entry_id, "Pat Lee")
    ]
    assert change["totalCount"] == 1
    me.request("DELETE", f"/directories/contacts/PrivateContacts/{entry_id}")
    (gone,) = told(me)
    assert gone["contactsRemoved"] == [entry_id]


@pytest.mark.parametrize(
    ("fields", "property_name"),
    [
        ({"directoryID": None}, "directoryID"),
        ({"count": 301}, "count"),
        ({"count": 0}, "count"),
        ({"index": -1}, "index"),
        ({"filterItems": [{"contactProperty": 99, "filterType": 0,
                           "filterExpressions": ["x"]}]}, "filterItems"),
        ({"filterItems": [{"contactProperty": 26, "filterType": 9,
                           "filterExpressions": ["x"]}]}, "filterItems"),
        ({"sortItems": [{"contactProperty": 26, "sortDirection": 5}]}, "sortItems"),
    ],
)  # fmt: skip
def test_bad_parameters_are_refused_by_name(simulator, fields, property_name):
    me = RawSession(simulator.url, "agent1")
    body = {"directoryID": "CompanyDirectory", **fields}
    if body["directoryID"] is None:
        del body["directoryID"]
    answer = me.request("PUT", "/messaging/subscriptions/directories/d",
                        json={"__type": PARAMETERS, **body})  # fmt: skip
    assert answer.status_code == 400, answer.text
    assert property_name in error_of(answer)["message"]
    unknown = subscribe(me, directory="NoSuchDirectory")
    assert unknown.status_code == 404
