"""A long suite's shape (connect, check, disconnect, again) must not pile anything up."""

import os
import threading

import pytest

from ICWSLibrary import ICWSLibrary
from ICWSLibrary.client.connection import EndedSession


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc")
@pytest.mark.parametrize("messaging", ["sse", "polling"])
def test_open_files_and_threads_stay_flat_over_many_sessions(simulator, messaging):
    library = ICWSLibrary(server=simulator.url, messaging=messaging)

    def one_test():
        library.connect_to_icws("agent1", "1234")
        library.user_status_should_be("Available")
        library.subscribe_to_user_statuses("agent2")
        library.disconnect()

    for _ in range(5):  # warm the pool and the stream reader
        one_test()
    files, threads = open_files(), threading.active_count()
    for _ in range(150):
        one_test()
    assert open_files() <= files + 1, "each Disconnect must release its sockets"
    assert threading.active_count() <= threads
    library.close()


def test_ended_sessions_shrink_to_a_record_that_still_reports(simulator):
    library = ICWSLibrary(server=simulator.url)
    first = library.connect_to_icws("agent1", "1234", alias="first")
    library.disconnect()
    library.connect_to_icws("agent2", "1234")
    record = library.get_session("first")
    assert isinstance(record, EndedSession)
    library.switch_icws_session("first")
    info = library.get_session_info()
    assert (info["sessionId"], info["connected"], info["userDisplayName"]) == (
        first,
        False,
        "Agent 1",
    )
    library.connection_state_should_be_down()
    library.disconnect()  # passes, and says it was already disconnected
    library.close()


def test_a_connect_on_a_warm_pool_opens_no_new_connection(simulator):
    library = ICWSLibrary(server=simulator.url, messaging="polling")
    library.connect_to_icws("agent1", "1234")
    library.disconnect()
    accepted, served = simulator.connections_accepted, simulator.model.requests_served
    for _ in range(10):
        library.connect_to_icws("agent1", "1234")
        library.disconnect()
    assert simulator.connections_accepted == accepted, "every session reuses the pool"
    assert simulator.model.requests_served - served == 20, "one request to connect, one to leave"
    library.close()
