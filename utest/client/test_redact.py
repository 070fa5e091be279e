from ICWSLibrary.client.redact import HiddenStr, redact_headers, redact_json, redact_text


def test_redact_json_masks_secret_fields_at_any_depth():
    body = {
        "__type": "urn:inin.com:connection:icAuthConnectionRequestSettings",
        "userID": "agent1",
        "password": "p4ss",
        "nested": [{"csrfToken": "tok"}, {"AuthToken": "a", "keep": 1}],
    }
    redacted = redact_json(body)
    assert redacted["userID"] == "agent1"
    assert "p4ss" not in repr(redacted) and "tok" not in repr(redacted)
    assert redacted["nested"][1] == {"AuthToken": "***", "keep": 1}
    assert body["password"] == "p4ss", "the original must stay intact"


def test_redact_headers_keeps_cookie_names_and_hides_values():
    headers = {
        "Cookie": "icws_123=abc|languageId=en-us; other=1",
        "Set-Cookie": "icws_123=abc|languageId=en-us; Path=/icws/123; HttpOnly",
        "ININ-ICWS-CSRF-Token": "WA1rZXZpbg==",
        "Accept-Language": "en-us",
    }
    redacted = redact_headers(headers)
    assert redacted["Cookie"].startswith("icws_123=***")
    assert "abc" not in redacted["Set-Cookie"] and "Path=/icws/123" in redacted["Set-Cookie"]
    assert redacted["ININ-ICWS-CSRF-Token"] == "***"
    assert redacted["Accept-Language"] == "en-us"
    assert redact_headers({"Cookie": "sid=xyz"})["Cookie"] == "sid=***"
    assert "other=***" in redacted["Cookie"], "every cookie's value is hidden, not only icws_"


def test_secret_query_parameters_are_masked_in_urls():
    from ICWSLibrary.client.redact import mask_query

    url = "http://cic1:8018/icws/connection?userID=a&password=1234&accessToken=t0k&x=1"
    assert mask_query(url) == (
        "http://cic1:8018/icws/connection?userID=a&password=***&accessToken=***&x=1"
    )


def test_redact_text_masks_whole_values_only():
    assert redact_text("ext. 12345, password 1234", ["1234"]) == "ext. 12345, password ***"
    assert redact_text('{"password":"1234"}', ["1234"]) == '{"password":"***"}'


def test_redact_text_and_hidden_str():
    assert redact_text("user agent1 password s3cr3t", ["s3cr3t", ""]) == "user agent1 password ***"
    token = HiddenStr("s3cr3t")
    assert token == "s3cr3t" and token.encode() == b"s3cr3t"
    assert "s3cr3t" not in repr({"ININ-ICWS-CSRF-Token": token})


def test_a_short_secret_inside_a_phone_number_is_left_alone():
    # With the password 1234, the number 317-555-1234 is data, not a secret.
    secrets = {"1234"}
    for text in ("call 317-555-1234", "+1 (317) 555.1234", "ext. 12345", "id 1234abc"):
        assert redact_text(text, secrets) == text
    assert redact_text("password=1234", secrets) == "password=***"
    assert redact_text('{"password": "1234"}', secrets) == '{"password": "***"}'
    assert redact_text("the password 1234 was refused", secrets) == "the password *** was refused"


def test_a_secret_echoed_json_escaped_is_masked_too():
    import json

    from ICWSLibrary.client.redact import SecretValues

    secrets = SecretValues()
    password = 'pä"ss\\wörd'
    secrets.add(password)
    for text in (
        json.dumps({"echo": password}),
        json.dumps({"echo": password}, ensure_ascii=False),
    ):
        assert "ss" not in secrets.mask(text), text


def test_a_sip_password_is_a_secret_field():
    assert redact_json({"sipPassword": "s1p-secret", "id": "7001"}) == {
        "sipPassword": "***", "id": "7001"
    }  # fmt: skip
