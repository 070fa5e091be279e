"""The call flow picture: built from the messages sessions heard, a valid SVG that names
each agent and interaction, escapes and masks what it shows, and stays small."""

import xml.etree.ElementTree as ET

from ICWSLibrary.timeline import MAX_EVENTS, MAX_LANES, Timeline

from .test_suite_lifecycle import run_suite

SVG = "{http://www.w3.org/2000/svg}"


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def heard_a_call(timeline, clock):
    timeline.heard("agent1", [{"__type": "urn:inin.com:status:userStatusMessage",
                               "userStatusList": [{"userId": "agent1", "statusId": "Available",
                                                   "onPhone": False, "stations": ["7001"]}]}])  # fmt: skip
    clock.now += 2
    queue = "urn:inin.com:queues:queueContentsMessage"
    timeline.heard("agent1", [{"__type": queue, "interactionsAdded": [{
        "interactionId": "1000000001",
        "attributes": {"Eic_State": "O", "Eic_WorkgroupName": "Support",
                       "Eic_RemoteName": "<script>alert(1)</script>"}}]}])  # fmt: skip
    clock.now += 3
    timeline.heard("agent1", [{"__type": queue, "interactionsChanged": [{
        "interactionId": "1000000001", "attributes": {"Eic_State": "C", "Eic_UserName": "agent1"}}]}])  # fmt: skip
    clock.now += 5


def test_the_picture_is_valid_svg_naming_each_agent_and_interaction():
    clock = FakeClock()
    timeline = Timeline(clock)
    heard_a_call(timeline, clock)
    svg = timeline.svg()
    root = ET.fromstring(svg)  # well-formed XML, or this raises
    assert root.tag == SVG + "svg"
    texts = " ".join(t.text or "" for t in root.iter(SVG + "text"))
    assert "agent agent1" in texts and "interaction 1000000001" in texts
    titles = [t.text for t in root.iter(SVG + "title")]
    assert any(t.startswith("queued in Support at 2.0 s") for t in titles), titles
    assert any(t.startswith("connected to agent1 at 5.0 s") for t in titles), titles
    assert "<script>" not in svg


def test_secrets_are_masked_and_a_long_test_is_summarised():
    clock = FakeClock()
    timeline = Timeline(clock)
    heard_a_call(timeline, clock)
    masked = timeline.svg(mask=lambda text: text.replace("agent1", "***"))
    assert "agent1" not in masked
    for n in range(MAX_EVENTS + 50):
        clock.now += 0.01
        timeline.heard("x", [{"__type": "urn:inin.com:interactions:interactionChangedMessage",
                              "interactionID": str(2000 + n % 40),
                              "attributes": {"Eic_State": "CH"[(n // 40) % 2]}}])  # fmt: skip
    svg = timeline.svg()
    ET.fromstring(svg)
    assert "Summarised" in svg and "more lanes not drawn" in svg
    assert len(timeline.events) == MAX_EVENTS
    assert svg.count('<text x="6"') <= MAX_LANES + 1
    assert len(svg) < 2_000_000


def test_since_keeps_only_the_last_span_and_reset_starts_anew():
    clock = FakeClock()
    timeline = Timeline(clock)
    heard_a_call(timeline, clock)
    recent = timeline.svg(since=6)
    assert "queued in Support" not in recent and "connected to agent1" in recent
    timeline.reset()
    assert "No agent or interaction" in timeline.svg()


FAILING_WAIT = """
*** Settings ***
Library    ICWSLibrary    server={url}    wait_timeout=0.3s

*** Test Cases ***
A Wait That Fails Shows The Call Flow
    Connect To ICWS    agent1    1234
    Log On To Workstation    7001    ready=${{False}}
    Watch Queue    Support
    Wait For Alerting Interaction
    [Teardown]    Disconnect All

The Picture On Demand
    Connect To ICWS    agent1    1234
    Log On To Workstation    7001
    Watch Queue    Support
    Log Contact Center Timeline
    [Teardown]    Disconnect All
"""


def test_a_failing_wait_logs_the_picture(simulator, tmp_path):
    simulator.place_inbound_call("Support", "3175550100")
    rc, console = run_suite(tmp_path, FAILING_WAIT.format(url=simulator.url))
    assert rc == 1, console
    output = (tmp_path / "output.xml").read_text()
    assert output.count("&lt;svg xmlns=") == 2  # one for the failure, one on demand
    assert "interaction 1000000001" in output
