"""Small HTTP helpers for talking to the simulator the way raw clients do."""

import json
import re

import requests

IC_AUTH = "urn:inin.com:connection:icAuthConnectionRequestSettings"


def logon(url, user="kevin.glinski", password="1234", language="en-us", **params):
    body = {"__type": IC_AUTH, "applicationName": "utest", "userID": user, "password": password}
    return requests.post(
        f"{url}/icws/connection", json=body, headers={"Accept-Language": language}, params=params
    )


class RawSession:
    """A logged-on session whose credentials a test can send, omit or spoil."""

    def __init__(self, url, user="kevin.glinski", language="en-us"):
        self.url = url
        response = logon(url, user, language=language)
        assert response.status_code == 201, response.text
        self.id = response.json()["sessionId"]
        self.token = response.json()["csrfToken"]
        self.set_cookie = response.headers["Set-Cookie"]
        self.cookie = re.match(r"(icws_\d+=[^;]+)", self.set_cookie).group(1)

    def request(self, method, path, token=True, cookie=True, **kwargs):
        headers = kwargs.pop("headers", {})
        if token is True:
            headers["ININ-ICWS-CSRF-Token"] = self.token
        elif token:
            headers["ININ-ICWS-CSRF-Token"] = token
        if cookie is True:
            headers["Cookie"] = self.cookie
        elif cookie:
            headers["Cookie"] = cookie
        return requests.request(
            method, f"{self.url}/icws/{self.id}{path}", headers=headers, **kwargs
        )

    def messages(self):
        response = self.request("GET", "/messaging/messages")
        assert response.status_code == 200, response.text
        return response.json()


def error_of(response):
    assert response.headers["Content-Type"] == "application/vnd.inin.icws+JSON; charset=utf-8"
    body = json.loads(response.content)
    assert isinstance(body.get("message"), str) and body["message"]
    return body


WORKSTATION = "urn:inin.com:connection:workstationSettings"


class Agent(RawSession):
    def __init__(self, url, user, station=None, media=(1,), ready=True):
        super().__init__(url, user)
        if station:
            self.log_on(station, media, ready)

    def log_on(self, station, media=(1,), ready=True):
        body = {"__type": WORKSTATION, "workstation": station,
                "supportedMediaTypes": list(media), "readyForInteractions": ready}  # fmt: skip
        response = self.request("PUT", "/connection/station", json=body)
        assert response.status_code == 200, response.text

    def call(self, method, path, body=None, **kwargs):
        return self.request(method, path, json=body, **kwargs)

    def attribute(self, interaction_id, name):
        response = self.call("GET", f"/interactions/{interaction_id}", params={"select": name})
        assert response.status_code == 200, response.text
        return response.json()["attributes"][name]

    def state(self, interaction_id):
        return self.attribute(interaction_id, "Eic_State")

    def watch_queue(self, name, kind=2, names=("Eic_State", "Eic_RemoteName"), sub="q"):
        body = {"queueIds": [{"queueType": kind, "queueName": name}], "attributeNames": list(names)}
        response = self.call("PUT", f"/messaging/subscriptions/queues/{sub}", body)
        assert response.status_code == 200, response.text

    def of_type(self, kind):
        return [m for m in self.messages() if m["__type"] == kind]
