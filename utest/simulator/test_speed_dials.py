"""Speed-dial directories: a user's own directory of links to other directories'
contacts. [doc] POST /directories/speed-dial {name, accessRights} answers 201
{directoryId}; PUT .../{id} renames (204). [SDK] createSpeedDialContactLink
{sourceDirectoryID, sourceContactEntryID, contactPrimaryNumberDesignation} answers
{speedDialContactLinkId}."""

from .helpers import RawSession, error_of

METADATA = "urn:inin.com:directories:directoriesMessage"
CONTACTS = "urn:inin.com:directories:directoryMessage"
SPEED_DIAL = "/directories/speed-dial"


def of_type(session, kind):
    return [m for m in session.messages() if m["__type"] == kind]


def create(session, name="Escalations"):
    answer = session.request("POST", SPEED_DIAL, json={"name": name})
    assert answer.status_code == 201, answer.text
    return answer.json()["directoryId"]


def link(session, directory_id, entry="agent2", source="CompanyDirectory"):
    return session.request("POST", f"{SPEED_DIAL}/{directory_id}/links", json={
        "sourceDirectoryID": source, "sourceContactEntryID": entry,
        "contactPrimaryNumberDesignation": 0,
    })  # fmt: skip


def test_a_speed_dial_directory_is_created_renamed_and_deleted_as_watchers_see(simulator):
    me = RawSession(simulator.url, "agent1")
    assert me.request("PUT", "/messaging/subscriptions/directories").status_code == 204
    of_type(me, METADATA)
    directory_id = create(me)
    (added,) = of_type(me, METADATA)
    assert added["isDelta"] is True
    assert [d["directoryId"] for d in added["directoriesAdded"]] == [directory_id]
    assert added["directoriesAdded"][0]["displayName"] == "Escalations"
    renamed = me.request("PUT", f"{SPEED_DIAL}/{directory_id}", json={"name": "Hot line"})
    assert renamed.status_code == 204, renamed.text
    (changed,) = of_type(me, METADATA)
    assert changed["directoriesChanged"][0]["displayName"] == "Hot line"
    # A new metadata subscription lists it with the standard directories.
    assert me.request("PUT", "/messaging/subscriptions/directories").status_code == 204
    (listed,) = of_type(me, METADATA)
    assert directory_id in [d["directoryId"] for d in listed["directoriesAdded"]]
    assert me.request("DELETE", f"{SPEED_DIAL}/{directory_id}").status_code == 204
    (removed,) = of_type(me, METADATA)
    assert removed["directoriesRemoved"] == [directory_id]
    assert me.request("DELETE", f"{SPEED_DIAL}/{directory_id}").status_code == 404


def test_a_linked_colleague_shows_in_the_speed_dial_and_their_status_follows(simulator):
    me = RawSession(simulator.url, "agent1")
    directory_id = create(me)
    made = link(me, directory_id)
    assert made.status_code == 201, made.text
    link_id = made.json()["speedDialContactLinkId"]
    body = {"__type": "urn:inin.com:directories:directorySubscriptionParameters",
            "directoryID": directory_id}  # fmt: skip
    assert me.request("PUT", "/messaging/subscriptions/directories/s", json=body).ok
    (first,) = of_type(me, CONTACTS)
    (entry,) = first["contactsAdded"]
    assert (entry["entryID"], entry["userID"], entry["displayName"]) == (
        link_id,
        "agent2",
        "Agent 2",
    )
    simulator.set_user_status("agent2", "At Lunch")
    (change,) = of_type(me, CONTACTS)
    assert change["contactsChanged"][0]["statusID"] == "At Lunch"
    designation = me.request("PUT", f"{SPEED_DIAL}/{directory_id}/links/{link_id}",
                             json={"contactPrimaryNumberDesignation": 5})  # fmt: skip
    assert designation.status_code == 204, designation.text
    assert me.request("DELETE", f"{SPEED_DIAL}/{directory_id}/links/{link_id}").status_code == 204
    (gone,) = of_type(me, CONTACTS)
    assert gone["contactsRemoved"] == [link_id]


def test_speed_dial_refusals_say_why(simulator):
    me = RawSession(simulator.url, "agent1")
    other = RawSession(simulator.url, "agent2")
    assert me.request("POST", SPEED_DIAL, json={}).status_code == 400
    directory_id = create(me)
    bad = link(me, directory_id, entry="nobody")
    assert bad.status_code == 400 and "nobody" in error_of(bad)["message"]
    assert link(me, directory_id, source="Elsewhere").status_code == 400
    designation = me.request("POST", f"{SPEED_DIAL}/{directory_id}/links", json={
        "sourceDirectoryID": "CompanyDirectory", "sourceContactEntryID": "agent2",
        "contactPrimaryNumberDesignation": 12})  # fmt: skip
    assert designation.status_code == 400
    # Another user's private speed dial is not theirs to see or change.
    assert other.request("DELETE", f"{SPEED_DIAL}/{directory_id}").status_code == 404
    assert link(other, directory_id).status_code == 404
