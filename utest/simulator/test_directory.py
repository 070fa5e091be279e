"""The company directory on the simulator: lookup entries as the vendor's own client
asks for them, the four comparisons, paging by maxEntries, and private contacts."""

import pytest

from .helpers import RawSession, error_of

LOOKUP = "/directories/lookup-entries"


def lookup(session, text, comparison=3, types=(1,), properties=(1, 2, 3, 4), most=15):
    body = {"lookupEntryTypes": list(types), "lookupEntryProperties": list(properties),
            "lookupComparisonType": comparison, "lookupString": text, "maxEntries": most}  # fmt: skip
    response = session.request("POST", LOOKUP, json=body)
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def staff(start_simulator):
    simulator = start_simulator({"users": [
        {"id": "tim", "password": "1234", "displayName": "Tim Baker", "firstName": "Tim",
         "lastName": "Baker", "department": "Development", "extension": "2001"},
        {"id": "tom", "password": "1234", "displayName": "Tom Carter", "firstName": "Tom",
         "lastName": "Carter", "department": "Devices"},
        {"id": "team", "password": "1234", "displayName": "Team Account", "department": "Sales"},
    ], "workgroups": [{"id": "Developers", "members": ["tim"], "extension": "3000"}]})  # fmt: skip
    return RawSession(simulator.url, "tim")


def test_the_vendor_clients_lookup_finds_users_by_name_or_department(staff):
    # [real] The Mac client: types [1], properties [1,2,3,4], Contains (3), maxEntries 15.
    found = lookup(staff, "dev")
    names = [entry["displayName"] for entry in found["lookupEntriesList"]]
    assert names == ["Tim Baker", "Tom Carter"] and found["moreEntriesMatched"] is False
    tim = found["lookupEntriesList"][0]
    assert tim["department"] == "Development" and tim["extension"] == "2001"
    # [SDK] LookupEntry: entryID and lookupEntryType (required), voicemailCapable
    # (required), the user's queue as queueID.
    assert (tim["entryID"], tim["lookupEntryType"], tim["voicemailCapable"]) == ("tim", 1, True)
    assert tim["queueID"] == {"queueType": 1, "queueName": "tim"}
    assert "entryId" not in tim and "entryType" not in tim
    assert tim["statusURI"] == "/status/user-statuses/tim"
    assert staff.request("GET", tim["statusURI"]).status_code == 200


@pytest.mark.parametrize(
    ("text", "comparison", "expected"),
    [("tim baker", 1, ["Tim Baker"]), ("TIM", 2, ["Tim Baker"]), ("ar", 3, ["Tom Carter"]),
     ("T?m *", 4, ["Tim Baker", "Tom Carter"]), ("Dev*", 4, ["Tim Baker", "Tom Carter"])],
)  # fmt: skip
def test_each_comparison_and_no_regard_to_case(staff, text, comparison, expected):
    # [doc] Exact 1, StartsWith 2, Contains 3, Wildcards 4 ("T?m" matches Tim, not Team).
    found = lookup(staff, text, comparison)["lookupEntriesList"]
    assert [entry["displayName"] for entry in found] == expected


def test_max_entries_cuts_the_list_and_says_more_matched(staff):
    found = lookup(staff, "t", comparison=2, properties=(3,), most=2)
    assert len(found["lookupEntriesList"]) == 2 and found["moreEntriesMatched"] is True
    groups = lookup(staff, "3000", comparison=1, types=(6,), properties=(6,))
    assert [e["entryID"] for e in groups["lookupEntriesList"]] == ["Developers"]
    bad = staff.request("POST", LOOKUP, json={"lookupEntryTypes": [9], "lookupString": "x",
                                              "lookupEntryProperties": [3]})  # fmt: skip
    assert bad.status_code == 400 and error_of(bad)["propertyName"] == "lookupEntryTypes"


def test_private_contacts_are_each_users_own(staff):
    added = staff.request("POST", "/directories/contacts/PrivateContacts",
                          json={"firstName": "Pat", "lastName": "Doe", "mobilePhone": "555"})  # fmt: skip
    assert added.status_code == 201, added.text
    entry = added.json()["entryId"]
    gone = staff.request("DELETE", f"/directories/contacts/PrivateContacts/{entry}")
    assert gone.status_code == 204
    again = staff.request("DELETE", f"/directories/contacts/PrivateContacts/{entry}")
    assert again.status_code == 404
    wrong = staff.request("POST", "/directories/contacts/Elsewhere", json={"firstName": "X"})
    assert wrong.status_code == 404


def test_the_directory_metadata_subscription_lists_the_directories(staff):
    # [doc] PUT answers 204, then a directoriesMessage (isDelta false) lists them.
    path = "/messaging/subscriptions/directories"
    assert staff.request("PUT", path).status_code == 204
    [message] = [m for m in staff.messages() if m["__type"].endswith("directoriesMessage")]
    assert message["isDelta"] is False
    names = {d["displayName"]: d["directoryId"] for d in message["directoriesAdded"]}
    assert names["IC Private Contacts"] == "PrivateContacts"
    assert staff.request("DELETE", path).status_code == 204


def test_a_private_contact_is_updated_in_place(staff):
    added = staff.request("POST", "/directories/contacts/PrivateContacts",
                          json={"displayName": "Pat Lee", "mobilePhone": "3175550100"})  # fmt: skip
    entry_id = added.json()["entryId"]
    path = f"/directories/contacts/PrivateContacts/{entry_id}"
    changed = staff.request("PUT", path, json={"displayName": "Pat Lee-Smith"})
    assert changed.status_code == 204, changed.text
    missing = staff.request("PUT", "/directories/contacts/PrivateContacts/contact-999",
                            json={"displayName": "x"})  # fmt: skip
    assert missing.status_code == 404
    bad = staff.request("PUT", path, json={"shoeSize": "44"})
    assert bad.status_code == 400 and "shoeSize" in error_of(bad)["message"]
