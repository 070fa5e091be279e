"""The console: a page for people, off unless asked for, that shows the contact center
live and acts as the world outside; it changes nothing an ICWS client sees."""

import http.client
import re
from urllib.parse import urlsplit

import requests

from .helpers import Agent


def test_the_console_is_off_unless_asked_for(simulator):
    assert requests.get(simulator.url + "/console").status_code == 404


def test_the_page_fetches_nothing_from_elsewhere(start_simulator):
    with_console = start_console(start_simulator)
    try:
        page = requests.get(with_console.url + "/console")
        assert page.status_code == 200 and page.headers["Content-Type"].startswith("text/html")
        # No script, style or image from anywhere: every src/href is local or absent.
        assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page.text)
        assert "http://" not in page.text and "https://" not in page.text
    finally:
        with_console.stop()


def start_console(start_simulator):
    from ICWSLibrary.simulator.server import ICWSSimulator

    simulator = ICWSSimulator(scenario={"actionDelay": 0}, console=True)
    simulator.start()
    return simulator


def test_actions_show_in_the_state_and_an_agent_gets_the_call(start_simulator):
    simulator = start_console(start_simulator)
    try:
        agent = Agent(simulator.url, "agent1", "7001")
        answer = requests.post(simulator.url + "/console/actions",
                               json={"action": "place-call", "workgroup": "Support",
                                     "ani": "3175550100"})  # fmt: skip
        assert answer.status_code == 200, answer.text
        call_id = answer.json()["interactionId"]
        assert agent.state(call_id) == "A"  # the agent's client sees the console's call
        state = requests.get(simulator.url + "/console/state").json()
        [shown] = [i for i in state["interactions"] if i["id"] == call_id]
        assert (shown["state"], shown["user"], shown["workgroup"]) == ("A", "agent1", "Support")
        [me] = [a for a in state["agents"] if a["id"] == "agent1"]
        assert me["loggedIn"] and me["station"] == "7001"
        assert agent.call("POST", f"/interactions/{call_id}/pickup").ok
        state = requests.get(simulator.url + "/console/state").json()
        assert [i["state"] for i in state["interactions"] if i["id"] == call_id] == ["C"]
        assert requests.post(simulator.url + "/console/actions",
                             json={"action": "hang-up", "interactionId": call_id}).ok  # fmt: skip
        assert agent.state(call_id) == "E"
        bad = requests.post(simulator.url + "/console/actions", json={"action": "explode"})
        assert bad.status_code == 400 and "known" in bad.json()["message"]
        gone = requests.post(simulator.url + "/console/actions",
                             json={"action": "hang-up", "interactionId": "1"})  # fmt: skip
        assert gone.status_code == 400
    finally:
        simulator.stop()


def test_the_event_stream_tells_a_page_of_each_change(start_simulator):
    simulator = start_console(start_simulator)
    try:
        parts = urlsplit(simulator.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
        connection.request("GET", "/console/events")
        response = connection.getresponse()
        assert response.getheader("Content-Type") == "text/event-stream"
        first = response.fp.readline()
        assert first.startswith(b"data: ")
        response.fp.readline()
        simulator.place_inbound_call("Support")
        assert response.fp.readline().startswith(b"data: ")
        connection.close()
    finally:
        simulator.stop()


def test_in_a_real_browser_a_call_placed_from_the_console_reaches_an_agent(start_simulator):
    # Chromium, driven over the DevTools protocol: the console's button places the call,
    # the agent's ICWS client sees it alert, and the page updates when it is picked up.
    import pytest

    chromium = _chromium_module()
    CHROMIUM, Chromium = chromium.CHROMIUM, chromium.Chromium  # noqa: N806

    if CHROMIUM is None:
        pytest.skip("No Chromium installed: the console's browser test needs Debian's chromium.")
    simulator = start_console(start_simulator)
    browser = None
    try:
        agent = Agent(simulator.url, "agent1", "7001")
        try:
            browser = Chromium()
        except RuntimeError as error:
            pytest.skip(f"Chromium is installed but would not start here: {error}.")
        browser.open(simulator.url + "/console")
        browser.wait_for("document.querySelector('.workgroups') && "
                         "document.querySelector('.workgroups').options.length > 0")  # fmt: skip
        browser.evaluate("document.querySelector('#place-call').click()")
        row = browser.wait_for(
            "[...document.querySelectorAll('#interactions tbody tr[id]')].map(r => r.id)[0]"
        )
        call_id = row.removeprefix("interaction-")
        assert agent.state(call_id) == "A"  # the agent's client got the console's call
        assert agent.call("POST", f"/interactions/{call_id}/pickup").ok
        shown = browser.wait_for(
            f"(() => {{ const r = document.getElementById('interaction-{call_id}');"
            " return r && r.cells[2].textContent === 'Connected' && r.cells[2].textContent; })()"
        )
        assert shown == "Connected"
    finally:
        if browser is not None:
            browser.close()
        simulator.stop()


def _chromium_module():
    """resources/ConsoleBrowser.py, shared with the acceptance suite."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "resources" / "ConsoleBrowser.py"
    spec = importlib.util.spec_from_file_location("chromium_driver", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
