import threading
import time

from ICWSLibrary.client.messaging import MessageQueue, of_type

STATUS = {"__type": "urn:inin.com:status:userStatusMessage", "isDelta": True}
DONE = {"__type": "urn:inin.com:messaging:asyncOperationCompletedMessage", "requestId": "7"}


def test_take_returns_matching_messages_in_arrival_order_and_keeps_the_rest():
    queue = MessageQueue()
    queue.put_all([STATUS, DONE, dict(STATUS, n=2), "not a message"])
    assert queue.take(of_type("userStatusMessage")) == [STATUS, dict(STATUS, n=2)]
    assert queue.peek() == [DONE]
    assert queue.take() == [DONE]
    assert queue.take() == []


def test_of_type_matches_full_urn_short_name_and_everything():
    assert of_type("urn:inin.com:status:userStatusMessage")(STATUS)
    assert of_type("USERSTATUSMESSAGE")(STATUS)
    assert not of_type("userStatusMessage")(DONE)
    assert of_type(None)(DONE)


def test_wait_for_wakes_when_a_pushing_reader_delivers():
    queue = MessageQueue()
    timer = threading.Timer(0.05, queue.put_all, args=([STATUS, DONE],))
    timer.start()
    started = time.monotonic()
    found = queue.wait_for(lambda m: m.get("requestId") == "7", timeout=5)
    assert found == DONE
    assert time.monotonic() - started < 2
    assert queue.peek() == [STATUS]


def test_wait_for_polls_until_the_match_arrives():
    queue = MessageQueue()
    polls = []

    def poll():
        polls.append(1)
        if len(polls) == 3:
            queue.put_all([DONE])

    assert queue.wait_for(of_type("asyncOperationCompletedMessage"), 5, poll=poll) == DONE
    assert len(polls) == 3


def test_wait_for_times_out_with_none_and_loses_nothing():
    queue = MessageQueue()
    queue.put_all([STATUS])
    assert queue.wait_for(lambda m: False, timeout=0.05) is None
    assert queue.wait_for(lambda m: False, timeout=0.05, poll=lambda: None) is None
    assert queue.peek() == [STATUS]
