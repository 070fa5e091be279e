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
    # A CR ends the line at once; the LF that follows it in the next chunk is the same
    # line end, not an empty line of its own.
    assert parser.feed(b"\n") == []
    assert parser.feed(b"\r") == ['{"__type":"x"}']
    assert parser.feed(b"\n") == []
    assert parser.feed(b'data: {"__type":"y"}\r\n\r\n') == ['{"__type":"y"}']


def test_incomplete_event_waits_and_a_new_parser_starts_clean():
    parser = SSEParser()
    assert parser.feed(b'data: {"__type":"half"}\n') == []
    # A reconnect starts a new parser: the half event of the broken stream is dropped.
    assert SSEParser().feed(b'data: {"__type":"new"}\n\n') == ['{"__type":"new"}']


def test_messages_of_arrays_and_bad_json():
    assert messages_of('[{"__type":"a"},{"__type":"b"}]') == [{"__type": "a"}, {"__type": "b"}]
    assert messages_of('"text"') == []
    assert messages_of("{broken") == []


def test_a_malformed_line_costs_only_itself():
    data = '{"__type":"a"}\n{broken\n"text"\n{"__type":"b"}'
    assert [m["__type"] for m in messages_of(data)] == ["a", "b"]


def test_a_line_past_the_bound_is_refused_and_parsing_stays_linear():
    parser = SSEParser(max_line_bytes=1_000_000)
    piece = b"x" * 10_000
    for _ in range(100):
        parser.feed(piece)
    # The unfinished line is kept as the pieces that arrived, never copied per chunk
    # (a parser that joins them on each feed copies ~500 MB here instead of 1 MB).
    assert len(parser._partial) == 100
    with pytest.raises(ValueError, match="longer than 1,000,000 bytes"):
        parser.feed(b"x")
    assert parser.feed(b'data: {"__type":"after"}\n\n') == ['{"__type":"after"}']


def test_data_lines_that_never_end_their_event_are_bounded_too():
    import pytest

    from ICWSLibrary.client.sse import LineTooLong, SSEParser

    parser = SSEParser(max_line_bytes=1000)
    with pytest.raises(LineTooLong, match="data passed 1,000 bytes"):
        for _ in range(100):
            parser.feed(b"data: " + b"x" * 50 + b"\n")
    assert parser.feed(b"data: {}\n\n") == ["{}"], "the parser goes on after the refusal"
