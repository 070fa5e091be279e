"""Recording a conversation with secrets scrubbed, and replaying it."""

import json
import re

import pytest

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.recording import Recorder, Templater, load
from ICWSLibrary.simulator import ICWSSimulator

PASSWORD = "Zx9-distinct-Pw"
USERS = {
    "users": [
        {"id": "qa.one", "password": PASSWORD, "displayName": "QA One"},
        {"id": "qa.two", "password": PASSWORD + "2", "displayName": "QA Two"},
    ]
}


def conversation(url: str, recorder: Recorder | None, mode: str = "sse") -> dict:
    """A little of everything; returns what the run saw, including its secrets."""
    seen = {"secrets": set(), "answers": []}
    one = ICWSSession(url, messaging=mode)
    one.recorder = recorder
    one.connect("qa.one", PASSWORD)
    two = ICWSSession(url, messaging=mode)
    two.recorder = recorder
    two.connect("qa.two", PASSWORD + "2")
    for session in (one, two):
        seen["secrets"] |= {
            session.session_id,
            str(session.http.credentials.headers["ININ-ICWS-CSRF-Token"]),
            str(session.http.credentials.headers["Cookie"]).split("=", 1)[1].split("|")[0],
        }
    with pytest.raises(ICWSError):
        ICWSSession(url).connect("qa.one", "wrong-" + PASSWORD)
    two.status.subscribe(["qa.one"])
    one.status.set_user_status("qa.one", "At Lunch", notes="Phone 555-0100")
    assert two.channel.wait_until(
        lambda: two.status.user_statuses.get("qa.one", {}).get("statusId") == "At Lunch", 5
    )
    seen["answers"].append(one.status.user_status("qa.one")["statusId"])
    one.status.set_user_status("qa.one", "Available")
    seen["answers"].append(one.status.user_status("qa.one")["statusId"])
    seen["answers"].append(one.call("GET", "/status/user-statuses/nobody", expected_status=404))
    one.disconnect()
    two.disconnect()
    seen["answers"].append(str(one.connection_state().state))
    return seen


@pytest.fixture
def recorded(tmp_path, start_simulator):
    server = start_simulator(USERS)
    path = tmp_path / "conversation.json"
    recorder = Recorder(path, extra_fields=["notes"])
    seen = conversation(server.url, recorder)
    recorder.save()
    return path, seen, server


def test_no_secret_of_the_run_reaches_the_file(recorded):
    path, seen, server = recorded
    text = path.read_text()
    secrets = seen["secrets"] | {PASSWORD, PASSWORD + "2", "wrong-" + PASSWORD, "555-0100"}
    for secret in secrets:
        assert secret not in text
    assert "127.0.0.1" not in text and str(server.port) not in text
    document = load(path)
    logon = document["entries"][0]
    assert logon["request"]["body"]["password"] == "{{password:1}}"
    assert logon["response"]["body"]["csrfToken"] == "{{csrfToken:1}}"
    assert logon["response"]["headers"]["Set-Cookie"].startswith("icws_{{session:1}}={{cookie:1}}|")
    assert "{{notes:1}}" in text
    assert document["scrubbedFields"] == sorted(document["scrubbedFields"])
    kinds = {entry["type"] for entry in document["entries"]}
    assert kinds == {"exchange", "messages"}


def test_templater_is_stable_and_reversible():
    templater = Templater(["notes"])
    first = templater.placeholder("session", "1234567", anywhere=True)
    assert templater.placeholder("session", "1234567") == first == "{{session:1}}"
    assert templater.placeholder("session", "7654321") == "{{session:2}}"
    assert templater.text("/icws/1234567/connection") == "/icws/{{session:1}}/connection"
    assert templater.value_of("{{session:2}}") == "7654321"
    scrubbed = templater.scrub({"password": "pw", "notes": "n", "nested": [{"csrfToken": "t"}]})
    assert scrubbed == {
        "password": "{{password:1}}",
        "notes": "{{notes:1}}",
        "nested": [{"csrfToken": "{{csrfToken:1}}"}],
    }
    assert templater.last_resort("the pw is here") == "the pw is here"  # too short to hunt
    assert templater.cookie("icws_7654321=abc-def|languageId=en-us; Path=/icws/7654321") == (
        "icws_{{session:2}}={{cookie:1}}|languageId=en-us; Path=/icws/{{session:2}}"
    )


@pytest.mark.parametrize("mode", ["sse", "polling"])
def test_replay_answers_like_the_recorded_server(recorded, mode):
    path, seen, _ = recorded
    with ICWSSimulator(replay=path) as replay:
        again = conversation(replay.url, None, mode)
        assert again["answers"] == seen["answers"]
        assert again["secrets"].isdisjoint(seen["secrets"]), "replay mints fresh credentials"


def test_one_replay_serves_run_after_run(recorded):
    # A new logon the recording has no answer left for starts its conversation again.
    path, seen, _ = recorded
    with ICWSSimulator(replay=path) as replay:
        for mode in ("sse", "polling", "sse"):
            assert conversation(replay.url, None, mode)["answers"] == seen["answers"]


def test_resetting_a_replay_starts_its_conversation_again(recorded):
    path, seen, _ = recorded
    with ICWSSimulator(replay=path) as replay:
        half = ICWSSession(replay.url)
        half.connect("qa.one", PASSWORD)  # a run that stopped halfway
        replay.reset()
        assert conversation(replay.url, None)["answers"] == seen["answers"]
        with pytest.raises(ICWSError) as ended:
            half.call("GET", "/status/user-statuses/qa.one")
        assert ended.value.status == 401


def test_replay_checks_credentials(recorded):
    path, _, _ = recorded
    with ICWSSimulator(replay=path) as replay:
        session = ICWSSession(replay.url)
        session.connect("qa.one", PASSWORD)
        session.http.credentials.headers["ININ-ICWS-CSRF-Token"] = "forged"
        with pytest.raises(ICWSError) as error:
            session.call("GET", "/status/user-statuses/qa.one")
        assert error.value.status == 401 and error.value.error_code == 2


def test_request_not_in_the_recording_names_the_nearest(recorded):
    path, _, _ = recorded
    with ICWSSimulator(replay=path) as replay:
        session = ICWSSession(replay.url)
        session.connect("qa.one", PASSWORD)
        with pytest.raises(ICWSError) as error:
            session.call("GET", "/status/user-statuses/qa.three")
        message = str(error.value)
        assert error.value.error_id == "replay.notRecorded"
        assert (
            "Not in the recording conversation.json: GET /icws/{{session:1}}/status/user-statuses/qa.three"
            in message
        )
        assert "Nearest recorded: GET /icws/{{session:1}}/status/user-statuses/qa.one" in message


def test_library_records_through_the_import_argument(tmp_path, start_simulator):
    server = start_simulator(USERS)
    path = tmp_path / "library.json"
    library = ICWSLibrary(server=server.url, record=str(path), scrub=["notes, forwardNumber"])
    library.connect_to_icws("qa.one", PASSWORD)
    library.set_user_status("At Lunch", notes="secret note", forward_number="555-0199")
    library.close()
    text = path.read_text()
    assert "secret note" not in text and "555-0199" not in text and PASSWORD not in text
    assert json.loads(text)["scrubbedFields"] == [
        "authToken",
        "cookie",
        "csrfToken",
        "forwardNumber",
        "notes",
        "password",
        "ssoToken",
        "token",
    ]


def test_bad_recordings_are_refused_clearly(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}')
    with pytest.raises(ValueError, match="is not a robotframework-icws recording"):
        ICWSSimulator(replay=bad)
    with pytest.raises(ValueError, match="Cannot read recording"):
        ICWSSimulator(replay=tmp_path / "missing.json")


def _fake_exchange(method, url, status, body):
    from types import SimpleNamespace

    request = SimpleNamespace(method=method, url=url, headers={})
    content = json.dumps(body).encode() if body is not None else b""
    return request, SimpleNamespace(content=content, headers={}, status_code=status)


def test_messages_arriving_during_a_request_are_recorded_after_its_exchange(tmp_path):
    """A stream reader can deliver the answer's message before the answer is recorded."""
    recorder = Recorder(tmp_path / "race.json")
    recorder.templater.placeholder("session", "1234567", anywhere=True)  # as a logon teaches
    url = "http://cic:8018/icws/1234567/status/user-statuses/agent1"
    recorder.begin()
    recorder.messages("1234567", [{"__type": "urn:inin.com:status:userStatusMessage"}])
    assert recorder.entries == [], "held while the request is in flight"
    recorder.exchange(*_fake_exchange("PUT", url, 202, {"requestId": "7"}), {"statusId": "x"})
    recorder.messages(
        "1234567",
        [{"__type": "urn:inin.com:messaging:asyncOperationCompletedMessage", "requestId": "7"}],
    )
    kinds = [(e["type"], e.get("after")) for e in recorder.entries]
    assert kinds == [("exchange", None), ("messages", 1), ("messages", 1)]
    assert (
        recorder.entries[0]["request"]["path"] == "/icws/{{session:1}}/status/user-statuses/agent1"
    )


def test_server_clock_replays_as_the_replay_clock(tmp_path, start_simulator):
    server = start_simulator(USERS)
    path = tmp_path / "clock.json"
    session = ICWSSession(server.url)
    session.recorder = Recorder(path)
    session.server_time()
    session.recorder.save()
    assert load(path)["entries"][0]["response"]["body"] == {"serverUtcTime": "{{now}}"}
    with ICWSSimulator(replay=path) as replay:
        from datetime import datetime, timezone

        from ICWSLibrary.client import parse_datetime

        value = parse_datetime(ICWSSession(replay.url).server_time())
        assert abs((datetime.now(timezone.utc) - value).total_seconds()) < 5


class FakeRequest:
    def __init__(self, url, headers=None, method="POST"):
        self.url, self.method, self.headers = url, method, headers or {}


class FakeResponse:
    def __init__(self, body, headers=None, status=200):
        self.content = json.dumps(body).encode()
        self.headers, self.status_code = headers or {}, status


def test_every_kind_of_secret_is_scrubbed_by_name_and_by_whole_value(tmp_path):
    recorder = Recorder(tmp_path / "r.json")
    recorder.begin()
    recorder.exchange(
        FakeRequest(
            "http://cic1:8018/icws/connection?password=qs-Secret-1&userID=a",
            {"Cookie": "icws_55555=c00kie-value; affinity=node-7-secret"},
        ),
        FakeResponse(
            {"token": "tok-secret-1", "accessToken": "acc-secret-2", "notes": "ext. 12345"},
            {"Set-Cookie": "lb=balancer-secret; Path=/"},
        ),
        {"password": 1234, "userID": "a", "note": "password 1234 ends here"},
    )
    recorder.save()
    text = (tmp_path / "r.json").read_text()
    for secret in (
        "qs-Secret-1",
        "c00kie-value",
        "node-7-secret",
        "tok-secret-1",
        "acc-secret-2",
        "balancer-secret",
        '"password": 1234',
        "password 1234",
    ):
        assert secret not in text, secret
    assert "ext. 12345" in text, "a password is replaced as a whole value, never inside one"
    assert "affinity=" in text and "lb=" in text, "cookie names stay readable"


def test_a_numeric_password_inside_other_data_still_replays(tmp_path, start_simulator):
    users = {"users": [{"id": "qa.num", "password": "1234", "displayName": "Ext. 12345"}]}
    server = start_simulator(users)
    path = tmp_path / "numeric.json"
    recorder = Recorder(path)
    session = ICWSSession(server.url)
    session.recorder = recorder
    session.connect("qa.num", "1234")
    session.disconnect()
    recorder.save()
    assert "Ext. 12345" in path.read_text()
    with ICWSSimulator(replay=path) as replay:
        replayed = ICWSSession(replay.url)
        replayed.connect("qa.num", "1234")
        assert replayed.logon_info["userDisplayName"] == "Ext. 12345"
        replayed.disconnect()


@pytest.mark.parametrize(
    ("entry", "named"),
    [
        ({"type": "exchange", "seq": 1}, "entry 0 (exchange) needs 'request' as an object"),
        (
            {"type": "exchange", "seq": 1, "request": {"method": "GET"}, "response": {}},
            "needs 'request.path' as a string",
        ),
        ({"type": "messages", "seq": "2", "session": "s", "messages": []}, "'seq' as a number"),
        ({"type": "chat"}, "entry 0 must be an object whose 'type'"),
        ("text", "entry 0 must be an object"),
    ],
)
def test_a_malformed_recording_names_the_entry_and_the_key(tmp_path, entry, named):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"format": "robotframework-icws recording 1", "entries": [entry]}))
    with pytest.raises(ValueError, match=re.escape(named)) as error:
        ICWSSimulator(replay=path)
    assert str(path) in str(error.value)


def test_escaped_paths_and_client_clocks_replay(tmp_path, start_simulator):
    """A name with a space travels escaped (%20), and a wrap-up assignment carries the
    client's clock: a replay later must still find both exchanges."""
    agent = {"id": "qa.one", "password": PASSWORD, "rights": ["stationLogon"],
             "licenses": ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD"]}  # fmt: skip
    workgroup = {"id": "AVP Sales", "members": ["qa.one"], "isWrapUpActive": True,
                 "wrapUpCodes": ["Sale"]}  # fmt: skip
    scenario = {"users": [agent], "workgroups": [workgroup]}
    server = start_simulator(scenario)
    path = tmp_path / "escaped.json"

    def run(url, place=None):
        session = ICWSSession(url)
        session.recorder = recorder
        session.connect("qa.one", PASSWORD)
        members = session.configuration.workgroup_members("AVP Sales")
        session.station.log_on("workstation", "7001", media="generic")
        interaction = session.interactions.create_generic("AVP Sales", "Web", {})
        session.interactions.act(interaction, "pickup", verb="pick up")
        session.interactions.act(interaction, "disconnect", verb="disconnect")
        segment = session.interactions.assign_wrap_up(interaction, "Sale")
        session.disconnect()
        return members, segment

    recorder = Recorder(path)
    first = run(server.url)
    recorder.save()
    recorder = None
    with ICWSSimulator(replay=path) as replay:
        assert run(replay.url) == first == (["qa.one"], 1)


def test_a_short_password_inside_a_phone_number_is_recorded_as_it_is():
    templater = Templater()
    assert templater.scrub({"password": "1234"}) == {"password": "{{password:1}}"}
    text = '{"target": "317-555-1234", "echo": "1234", "other": "ext 12345"}'
    assert templater.last_resort(text) == (
        '{"target": "317-555-1234", "echo": "{{password:1}}", "other": "ext 12345"}'
    )


def test_a_password_echoed_json_escaped_is_templated():
    templater = Templater()
    password = 'pä"ss\\wörd'
    templater.scrub({"password": password})
    for text in (
        json.dumps({"echo": password}),
        json.dumps({"echo": password}, ensure_ascii=False),
    ):
        assert templater.last_resort(text) == '{"echo": "{{password:1}}"}', text


def test_a_sip_password_is_templated():
    assert Templater().scrub({"sipPassword": "s1p-secret"}) == {"sipPassword": "{{password:1}}"}


def test_a_recording_that_cannot_be_saved_fails_the_run(tmp_path):
    # The run stayed green while the recording it was meant to make was lost.
    import io

    import robot

    folder = tmp_path / "recordings"
    suite = tmp_path / "suite.robot"
    suite.write_text(
        "*** Settings ***\nLibrary    ICWSLibrary.Simulator\n"
        f"Library    ICWSLibrary    record={folder / 'run.json'}\nLibrary    OperatingSystem\n\n"
        "*** Test Cases ***\nT\n    ${url}    Start ICWS Simulator\n"
        "    Connect To ICWS    agent1    1234    server=${url}\n"
        f"    Remove Directory    {folder}    recursive=True\n"
        f"    Create File    {folder}    a file where the folder was\n"
    )
    console = io.StringIO()
    rc = robot.run(str(suite), outputdir=str(tmp_path), stdout=console, stderr=console)
    assert rc == 1, console.getvalue()
    assert "could not save the recording" in console.getvalue()
