import pytest

from ICWSLibrary.client import ICWSError, ServerAddress


@pytest.mark.parametrize(
    ("url", "base", "root"),
    [
        ("http://cic1:8018", "http://cic1:8018", "http://cic1:8018/icws"),
        ("http://cic1:8018/", "http://cic1:8018", "http://cic1:8018/icws"),
        ("http://cic1:8018/icws", "http://cic1:8018", "http://cic1:8018/icws"),
        ("HTTPS://CIC1:8019/ICWS/", "https://cic1:8019", "https://cic1:8019/icws"),
        ("https://web/api/cic1", "https://web/api/cic1", "https://web/api/cic1/icws"),
        ("https://web/api/cic1/icws", "https://web/api/cic1", "https://web/api/cic1/icws"),
        ("http://[::1]:8018", "http://[::1]:8018", "http://[::1]:8018/icws"),
        ("  http://cic1  ", "http://cic1", "http://cic1/icws"),
    ],
)
def test_parse_accepts_the_forms_users_type(url, base, root):
    address = ServerAddress.parse(url)
    assert address.base_url == base
    assert address.icws_root == root


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("cic1:8018", "has no scheme"),
        ("", "No ICWS server given"),
        (None, "No ICWS server given"),
        ("ftp://cic1", "must use http or https"),
        ("http://", "names no host"),
        ("http://cic1:80x8", "is not valid"),
        ("http://cic1:8018/icws?x=1", "must not have a query"),
    ],
)
def test_parse_rejects_malformed_urls_with_a_hint(url, complaint):
    with pytest.raises(ICWSError) as error:
        ServerAddress.parse(url)
    assert complaint in str(error.value)
    assert "http://cic1:8018" in str(error.value)


def test_switchover_keeps_scheme_port_and_prefix():
    address = ServerAddress.parse("https://cic-a:8019/proxy")
    other = address.with_host("cic-b.example.com")
    assert other.base_url == "https://cic-b.example.com:8019/proxy"
    assert ServerAddress.parse("http://a:8018").with_host("::1").base_url == "http://[::1]:8018"


@pytest.mark.parametrize(
    "url", ["http://a b:80", "http://%zz", "http://" + "a" * 300, "http://a..b", "http://\x00x"]
)
def test_urls_the_http_client_would_refuse_are_refused_when_parsed(url):
    with pytest.raises(ICWSError, match="is not valid"):
        ServerAddress.parse(url)


@pytest.mark.parametrize(
    ("value", "segment"),
    [("../x", "..%2Fx"), ("a b", "a%20b"), ("kevin.glinski", "kevin.glinski"), ("a/b", "a%2Fb")],
)
def test_path_segments_are_one_segment(value, segment):
    from ICWSLibrary.client.address import path_segment

    assert path_segment(value) == segment


@pytest.mark.parametrize("value", [".", "..", "", " "])
def test_dots_and_blanks_are_refused_before_anything_is_sent(value):
    from ICWSLibrary.client import ICWSSession

    from ..hostile import HostileServer, logon_answer

    with HostileServer(lambda request, connection: logon_answer(connection)) as server:
        session = ICWSSession(server.url)
        session.connect("agent1", "pw-x")
        with pytest.raises(ICWSError, match="cannot be an ICWS id"):
            session.status.user_status(value)
        assert [r.method for r in server.seen] == ["POST"]
