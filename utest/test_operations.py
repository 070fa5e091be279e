from ICWSLibrary.protocol.operations import methods_for, nearest, operations, template_for


def test_all_documented_operations_load():
    assert len(operations()) == 670


def test_paths_match_their_templates():
    path = "/icws/1234567/status/user-statuses/agent1"
    assert methods_for(path) == {"GET", "PUT"}
    assert template_for("PUT", path) == "/icws/{sessionId}/status/user-statuses/{userId}"
    assert methods_for("/icws/1234567/status/user-statuse/agent1") == set()


def test_nearest_suggests_for_typos_only():
    assert nearest("GET", "/icws/1234567/status/user-statuse/agent1") == (
        "GET /icws/{sessionId}/status/user-statuses/{userId}"
    )
    assert nearest("GET", "/icws/1234567/teleport/now") is None
