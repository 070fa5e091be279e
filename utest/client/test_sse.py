import pytest

from ICWSLibrary.client.sse import SSEParser, messages_of

STREAM = (
    b':ping\n\ndata: {"__type":"a","isDelta":false}\n\n'
    b'data: {"__type":"b"}\r\n\r\n'
    b'event: ignored\nid: 7\nretry: 1000\ndata:{"__type":"c"}\n\n'
    b'data: {"__type":"d"}\ndata: {"__type":"e"}\n\n'
)


def test_whole_stream():
    parser = SSEParser()
    events = parser.feed(STREAM)
    assert [m["__type"] for e in events for m in messages_of(e)] == list("abcde")
    assert parser.comments == 1


@pytest.mark.parametrize("size", [1, 2, 3, 7, 64])
def test_any_split_into_chunks_gives_the_same_events(size):
    parser = SSEParser()
    events = []
    for start in range(0, len(STREAM), size):
        events += parser.feed(STREAM[start : start + size])
    assert [m["__type"] for e in events for m in messages_of(e)] == list("abcde")


def test_crlf_split_between_chunks_is_one_line_end():
    parser = SSEParser()
    assert parser.feed(b'data: {"__type":"x"}\r') == []
    # The final CR may be the first half of a CRLF: the event completes with the next byte.
    assert parser.feed(b"\n\r") == []
    assert parser.feed(b"\n") == ['{"__type":"x"}']


def test_incomplete_event_waits_and_a_new_parser_starts_clean():
    parser = SSEParser()
    assert parser.feed(b'data: {"__type":"half"}\n') == []
    # A reconnect starts a new parser: the half event of the broken stream is dropped.
    assert SSEParser().feed(b'data: {"__type":"new"}\n\n') == ['{"__type":"new"}']


def test_messages_of_arrays_and_bad_json():
    assert messages_of('[{"__type":"a"},{"__type":"b"}]') == [{"__type": "a"}, {"__type": "b"}]
    assert messages_of('"text"') == []
    with pytest.raises(ValueError):
        messages_of("{broken")
