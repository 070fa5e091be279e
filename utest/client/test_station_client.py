"""The client's station and license APIs against the simulator."""

import pytest

from ICWSLibrary.client import ICWSError, ICWSSession
from ICWSLibrary.client.station import media_numbers


@pytest.mark.parametrize(
    ("media", "numbers"),
    [(None, [1]), ("call", [1]), ("call, chat", [1, 2]), (["Email", "generic"], [3, 4]),
     ("callback sms", [5, 6]), ([1, "9"], [1, 9])],
)  # fmt: skip
def test_media_names_and_numbers(media, numbers):
    assert media_numbers(media) == numbers


@pytest.mark.parametrize("media", ["fax", [0], "10"])
def test_unknown_media_are_refused(media):
    with pytest.raises(ICWSError, match="Unknown media"):
        media_numbers(media)


def test_readiness_changes_keep_a_remote_number(simulator):
    session = ICWSSession(simulator.url)
    session.connect("agent2", "1234")
    session.station.log_on("remote number", remote_number="3175550100", ready=False)
    station = session.station.set_ready(True, media="chat")
    assert (station["kind"], station["id"], station["readyForInteractions"]) == (
        "remote number",
        "3175550100",
        True,
    )
    assert station["allowedMediaTypes"] == [2]
    session.disconnect()


def test_acquired_licenses_follow_acquire_and_release(simulator):
    session = ICWSSession(simulator.url)
    session.connect("agent2", "1234")
    session.licenses.acquire(["i3_access_client", "I3_ACCESS_ACD", "NOPE"])
    assert session.licenses.acquired == ["I3_ACCESS_CLIENT", "I3_ACCESS_ACD"]
    session.licenses.release(["I3_ACCESS_CLIENT"])
    assert session.licenses.acquired == ["I3_ACCESS_ACD"]
    session.licenses.release()
    assert session.licenses.acquired == []
    session.disconnect()
