"""Simulated chats and callbacks: routed like calls, each to an agent whose station takes
its media; chats keep members and a transcript, callbacks their attempts
(CONTACT-CENTER.md 2.8)."""

import pytest

from .helpers import Agent, error_of

CHAT = "urn:inin.com:interactions.chat:createChatParameters"
CALLBACK = "urn:inin.com:interactions.callback:createCallbackParameters"
CONTENTS = "urn:inin.com:interactions.chat:chatContentsMessage"
MEMBERS = "urn:inin.com:interactions.chat:chatMembersMessage"
CALLBACK_MESSAGE = "urn:inin.com:interactions.callback:callbackMessage"
# [doc] supportedMediaType numbers.
CALL_MEDIA, CHAT_MEDIA, CALLBACK_MEDIA = 1, 2, 5


def create(session, body):
    response = session.call("POST", "/interactions", body)
    assert response.status_code == 201, response.text
    return response.json()["interactionId"]


def callback_body(workgroup="Support", **extra):
    return {"__type": CALLBACK, "target": "3175550100", "subject": "Billing question",
            "targetQueue": {"queueType": 2, "queueName": workgroup}, **extra}  # fmt: skip


@pytest.mark.parametrize(
    ("body", "media"),
    [({"__type": CHAT, "target": "Support"}, CHAT_MEDIA), (callback_body(), CALLBACK_MEDIA)],
)
def test_chats_and_callbacks_reach_only_agents_whose_station_takes_their_media(
    simulator, body, media
):
    calls_only = Agent(simulator.url, "agent1", "7001", media=(CALL_MEDIA,))
    customer = Agent(simulator.url, "kevin.glinski")
    interaction_id = create(customer, body)
    assert calls_only.state(interaction_id) == "O"
    both = Agent(simulator.url, "agent2", "7002", media=(CALL_MEDIA, media))
    assert both.state(interaction_id) == "A"
    assert simulator.interactions()[0]["user"] == "agent2"
    expected_type = "Chat" if media == CHAT_MEDIA else "Callback"
    assert both.attribute(interaction_id, "Eic_ObjectType") == expected_type


def test_a_chat_keeps_its_members_and_transcript_for_every_watcher(simulator):
    agent = Agent(simulator.url, "agent1", "7001", media=(CHAT_MEDIA,))
    customer = Agent(simulator.url, "kevin.glinski")
    chat_id = create(customer, {"__type": CHAT, "target": "Support"})
    watch = f"/messaging/subscriptions/interactions/{chat_id}/chat"
    assert customer.call("PUT", watch).status_code == 204
    told = customer.messages()
    members = [m for m in told if m["__type"] == MEMBERS]
    contents = [m for m in told if m["__type"] == CONTENTS]
    # The one who started it is its first member; to themselves, the current user.
    assert [m["chatMemberType"] for m in members[0]["membersAdded"]] == [2]
    assert contents[0]["messagesAdded"] == []
    sent = customer.call(
        "POST",
        f"/interactions/{chat_id}/chat/messages",
        {"text": "Hello?", "clearTypingIndicator": False},
    )
    assert sent.status_code == 200, sent.text
    # The agent is not a member until they pick it up.
    early = agent.call(
        "POST",
        f"/interactions/{chat_id}/chat/messages",
        {"text": "Hi", "clearTypingIndicator": False},
    )
    assert early.status_code == 400 and "not a member" in error_of(early)["message"]
    assert agent.call("POST", f"/interactions/{chat_id}/pickup").status_code == 200
    assert agent.call(
        "POST",
        f"/interactions/{chat_id}/chat/messages",
        {"text": "Hi Kevin", "clearTypingIndicator": False},
    ).ok
    told = customer.messages()
    joined = [m for m in told if m["__type"] == MEMBERS]
    assert joined[0]["membersAdded"][0]["userId"] == "agent1"
    assert joined[0]["membersAdded"][0]["chatMemberType"] == 3
    texts = [m["messagesAdded"][0] for m in told if m["__type"] == CONTENTS]
    assert [(t["text"], t["chatMember"]["chatMemberType"]) for t in texts] == [
        ("Hello?", 2), ("Hi Kevin", 3),
    ]  # fmt: skip
    # A later watcher gets the transcript so far at once.
    assert agent.call("PUT", watch).status_code == 204
    transcript = agent.of_type(CONTENTS)[0]["messagesAdded"]
    assert [(t["text"], t["chatMember"]["userId"]) for t in transcript] == [
        ("Hello?", "kevin.glinski"), ("Hi Kevin", "agent1"),
    ]  # fmt: skip
    assert agent.call("POST", f"/interactions/{chat_id}/disconnect").status_code == 200
    late = customer.call(
        "POST",
        f"/interactions/{chat_id}/chat/messages",
        {"text": "Bye", "clearTypingIndicator": False},
    )
    assert late.status_code == 400 and "ended" in error_of(late)["message"]


def test_a_visitor_chat_lets_the_remote_party_write(simulator):
    agent = Agent(simulator.url, "agent1", "7001", media=(CHAT_MEDIA,))
    chat_id = simulator.model.control.place_inbound_chat("Support", "Pat Visitor")
    assert agent.call("POST", f"/interactions/{chat_id}/pickup").status_code == 200
    agent.call("PUT", f"/messaging/subscriptions/interactions/{chat_id}/chat")
    agent.messages()
    simulator.model.control.write_chat(chat_id, "Where is my order?")
    [message] = agent.of_type(CONTENTS)
    text = message["messagesAdded"][0]
    assert text["text"] == "Where is my order?"
    assert text["chatMember"] == {"chatMemberType": 4, "displayName": "Pat Visitor",
                                  "interactionId": chat_id, "userId": "", "isTyping": False}  # fmt: skip
    assert agent.attribute(chat_id, "Eic_RemoteName") == "Pat Visitor"
    # In a chat a user started, the remote party is someone outside, not its starter.
    customer = Agent(simulator.url, "kevin.glinski")
    started = create(customer, {"__type": CHAT, "target": "Support"})
    simulator.model.control.write_chat(started, "Hi")
    [party] = [p for p in simulator.model.contact.chats.chats[started].members if not p.user_id]
    assert party.display_name == "Visitor"
    with pytest.raises(KeyError, match="not a chat"):
        simulator.model.control.write_chat(simulator.place_inbound_call("Support"), "hello")


def test_a_chat_to_a_user_alerts_them_directly(simulator):
    Agent(simulator.url, "agent3", "7003", media=(CHAT_MEDIA,))
    customer = Agent(simulator.url, "kevin.glinski")
    chat_id = create(customer, {"__type": CHAT, "target": "agent3"})
    [seen] = simulator.interactions()
    assert (seen["state"], seen["user"], seen["workgroup"]) == ("A", "agent3", None)
    bad = customer.call("POST", "/interactions", {"__type": CHAT, "target": "nobody"})
    assert bad.status_code == 400 and error_of(bad)["propertyName"] == "target"
    assert chat_id


def test_callback_dispositions_count_attempts_and_retry_requeues(simulator):
    agent = Agent(simulator.url, "agent1", "7001", media=(CALLBACK_MEDIA,))
    customer = Agent(simulator.url, "kevin.glinski")
    callback_id = create(customer, callback_body(name="Pat"))
    assert customer.call("PUT", f"/messaging/subscriptions/interactions/{callback_id}/callback").ok
    [first] = customer.of_type(CALLBACK_MESSAGE)
    assert first == {"__type": CALLBACK_MESSAGE, "isDelta": False, "interactionId": callback_id,
                     "target": "3175550100", "name": "Pat", "subject": "Billing question",
                     "attempts": 0, "maxAttempts": 3, "associatedCallId": "",
                     "snoozed": False}  # fmt: skip
    path = f"/interactions/{callback_id}/callback/disposition"
    # Only the agent who has it connected may say how it went.
    refused = agent.call("PUT", path, {"disposition": 0})
    assert refused.status_code == 400 and "Alerting" in error_of(refused)["message"]
    for attempt in (1, 2):
        assert agent.call("POST", f"/interactions/{callback_id}/pickup").status_code == 200
        assert agent.call("PUT", path, {"disposition": 2}).status_code == 200
        assert customer.of_type(CALLBACK_MESSAGE)[-1]["attempts"] == attempt
        # Back in the queue, and offered to the agent again.
        assert agent.state(callback_id) == "A"
    assert agent.call("POST", f"/interactions/{callback_id}/pickup").status_code == 200
    # The third attempt is the last: even a Retry ends it.
    assert agent.call("PUT", path, {"disposition": 2}).status_code == 200
    assert agent.state(callback_id) == "I"
    bad = agent.call("PUT", path, {"disposition": 7})
    assert bad.status_code == 400 and error_of(bad)["propertyName"] == "disposition"


@pytest.mark.parametrize(
    ("body", "property_name"),
    [
        ({"__type": CALLBACK, "targetQueue": {"queueType": 2, "queueName": "Support"},
          "subject": "x"}, "target"),
        ({"__type": CALLBACK, "target": "1", "subject": "x"}, "targetQueue"),
        (callback_body(workgroup="Nowhere"), "queueName"),
        ({**callback_body(), "targetQueue": {"queueType": 1, "queueName": "agent1"}}, "targetQueue"),
        ({"__type": CHAT}, "target"),
    ],
)  # fmt: skip
def test_bad_creations_name_the_property(simulator, body, property_name):
    customer = Agent(simulator.url, "kevin.glinski")
    response = customer.call("POST", "/interactions", body)
    assert response.status_code == 400, response.text
    assert error_of(response)["propertyName"] == property_name


def test_chat_and_callback_actions_refuse_other_interactions(simulator):
    customer = Agent(simulator.url, "kevin.glinski")
    callback_id = create(customer, callback_body())
    chat = customer.call(
        "POST",
        f"/interactions/{callback_id}/chat/messages",
        {"text": "x", "clearTypingIndicator": False},
    )
    assert chat.status_code == 400 and "not a chat" in error_of(chat)["message"]
    chat_id = create(customer, {"__type": CHAT, "target": "Support"})
    dispose = customer.call(
        "PUT", f"/interactions/{chat_id}/callback/disposition", {"disposition": 0}
    )
    assert dispose.status_code == 400 and "not a callback" in error_of(dispose)["message"]
    watch = customer.call("PUT", f"/messaging/subscriptions/interactions/{callback_id}/chat")
    assert watch.status_code == 400


def test_a_retried_callback_returns_to_its_queue_after_a_transfer_to_a_user(simulator):
    # Retry once answered 500 and left a ghost, Connected with no agent.
    first = Agent(simulator.url, "agent1")
    first.log_on("7001", media=[1, 5])
    second = Agent(simulator.url, "agent5")
    second.log_on("7005", media=[1, 5])
    asker = Agent(simulator.url, "kevin.glinski")
    created = asker.call("POST", "/interactions", {
        "__type": "urn:inin.com:interactions:createCallbackParameters", "target": "3175550100",
        "targetQueue": {"queueType": 2, "queueName": "Support"}, "subject": "Billing",
    })  # fmt: skip
    callback = created.json()["interactionId"]
    assert first.call("POST", f"/interactions/{callback}/pickup").status_code == 200
    moved = first.call("POST", f"/interactions/{callback}/blind-transfer", {"target": "agent5"})
    assert moved.status_code == 200
    assert second.call("POST", f"/interactions/{callback}/pickup").status_code == 200
    retry = second.call("PUT", f"/interactions/{callback}/callback/disposition", {"disposition": 2})
    assert retry.status_code in (200, 204), retry.text
    (again,) = simulator.interactions()
    assert (again["workgroup"], again["state"]) == ("Support", "A")
    assert again["user"] == "agent1", "routed again in Support, to its member"


def members_told(session):
    """Each chatMembersMessage told since the last call, as (added, changed, removed) lists of
    (userId or displayName, isTyping)."""

    def brief(members):
        return [(m["userId"] or m["displayName"], m["isTyping"]) for m in members]

    return [(brief(m["membersAdded"]), brief(m["membersChanged"]), brief(m["membersRemoved"]))
            for m in session.of_type(MEMBERS)]  # fmt: skip


def test_chat_members_type_change_and_leave(simulator):
    # [SDK] ChatMembersMessage: membersAdded, membersChanged and membersRemoved, each a
    # FullChatMember with isTyping; ChatSendTextParameters {text, clearTypingIndicator},
    # both required; PUT .../chat/typing-indicator {on}.
    agent = Agent(simulator.url, "agent1", "7001", media=(CHAT_MEDIA,))
    customer = Agent(simulator.url, "kevin.glinski")
    chat_id = create(customer, {"__type": CHAT, "target": "Support"})
    assert agent.call("POST", f"/interactions/{chat_id}/pickup").status_code == 200
    assert customer.call("PUT", f"/messaging/subscriptions/interactions/{chat_id}/chat").ok
    assert members_told(customer) == [
        ([("kevin.glinski", False), ("agent1", False)], [], []),
    ]
    typing = f"/interactions/{chat_id}/chat/typing-indicator"
    assert agent.call("PUT", typing, {"on": True}).status_code == 200
    assert members_told(customer) == [([], [("agent1", True)], [])]
    sending = f"/interactions/{chat_id}/chat/messages"
    unflagged = agent.call("POST", sending, {"text": "Hi"})
    assert unflagged.status_code == 400
    assert error_of(unflagged)["propertyName"] == "clearTypingIndicator"
    assert agent.call("POST", sending, {"text": "Hi", "clearTypingIndicator": True}).ok
    told = customer.messages()
    assert [m["messagesAdded"][0]["text"] for m in told if m["__type"] == CONTENTS] == ["Hi"]
    [cleared] = [m for m in told if m["__type"] == MEMBERS]
    assert [(m["userId"], m["isTyping"]) for m in cleared["membersChanged"]] == [("agent1", False)]
    refused = agent.call("PUT", typing, {"on": "yes"})
    assert refused.status_code == 400 and error_of(refused)["propertyName"] == "on"
    call_id = simulator.place_inbound_call("Support")
    not_chat = agent.call("PUT", f"/interactions/{call_id}/chat/typing-indicator", {"on": True})
    assert not_chat.status_code == 400
    # The agent leaving is a removal.
    assert agent.call("POST", f"/interactions/{chat_id}/disconnect").status_code == 200
    assert members_told(customer) == [([], [], [("agent1", False)])]


RESPONSE_CALL = "urn:inin.com:interactions.callback:createCallbackResponseCallParameters"


def test_the_agent_calls_the_customer_back_then_says_how_it_went(simulator):
    # [SDK] createCallbackResponseCallParameters {parentInteractionId, target, workgroup?}:
    # an outbound call linked to the callback (callbackMessage associatedCallId).
    agent = Agent(simulator.url, "agent1", "7001", media=(CALL_MEDIA, CALLBACK_MEDIA))
    customer = Agent(simulator.url, "kevin.glinski")
    callback_id = create(customer, callback_body(name="Pat"))
    assert customer.call("PUT", f"/messaging/subscriptions/interactions/{callback_id}/callback").ok
    customer.messages()
    early = agent.call("POST", "/interactions", {
        "__type": RESPONSE_CALL, "parentInteractionId": callback_id, "target": "3175550100"})  # fmt: skip
    assert early.status_code == 400 and "Alerting" in error_of(early)["message"]
    assert agent.call("POST", f"/interactions/{callback_id}/pickup").status_code == 200
    answer = agent.call("POST", "/interactions", {
        "__type": RESPONSE_CALL, "parentInteractionId": callback_id, "target": "3175550100"})  # fmt: skip
    assert answer.status_code == 201, answer.text
    call_id = answer.json()["interactionId"]
    assert agent.attribute(call_id, "Eic_RemoteAddress") == "3175550100"
    assert agent.attribute(call_id, "Eic_CallDirection") == "O"
    [linked] = customer.of_type(CALLBACK_MESSAGE)
    assert (linked["isDelta"], linked["associatedCallId"]) == (True, call_id)
    path = f"/interactions/{callback_id}/callback/disposition"
    assert agent.call("PUT", path, {"disposition": 0}).status_code == 200
    assert agent.state(callback_id) == "I"
    # Only a callback can be called back, and both properties are required.
    for body, name in (({"target": "1"}, "parentInteractionId"),
                       ({"parentInteractionId": callback_id}, "target"),
                       ({"parentInteractionId": call_id, "target": "1"}, "parentInteractionId")):  # fmt: skip
        refused = agent.call("POST", "/interactions", {"__type": RESPONSE_CALL, **body})
        assert refused.status_code == 400 and error_of(refused)["propertyName"] == name, body
