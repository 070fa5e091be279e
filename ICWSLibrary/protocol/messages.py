"""The ``__type`` names of ICWS request bodies and messages."""

# Logon request types [doc] (connection resource).
IC_AUTH = "urn:inin.com:connection:icAuthConnectionRequestSettings"
AUTH_TOKEN = "urn:inin.com:connection:authTokenConnectionRequestSettings"
SINGLE_SIGN_ON = "urn:inin.com:connection:singleSignOnTokenConnectionRequestSettings"

# Messages [doc]; [real] for those seen in recorded/ traffic.
ASYNC_COMPLETED = "urn:inin.com:messaging:asyncOperationCompletedMessage"
CONNECTION_STATE_CHANGED = "urn:inin.com:connection:connectionStateChangeMessage"
USER_STATUS_MESSAGE = "urn:inin.com:status:userStatusMessage"  # [real]
STATUS_MESSAGES_MESSAGE = "urn:inin.com:status:statusMessagesMessage"  # [guess] type name
LICENSE_MESSAGE = "urn:inin.com:licenses:licenseMessage"
STATION_CONNECTION_CHANGED = "urn:inin.com:connection:stationConnectionStateChangeMessage"
QUEUE_CONTENTS = "urn:inin.com:queues:queueContentsMessage"
INTERACTION_CHANGED = "urn:inin.com:interactions:interactionChangedMessage"
INTERACTION_DEALLOCATED = "urn:inin.com:interactions:interactionDeallocatedMessage"
INTERACTION_ALERTING = "urn:inin.com:interactions:interactionAlertingMessage"
USER_ACTIVATION = "urn:inin.com:activations:userActivationMessage"
STATISTIC_VALUE = "urn:inin.com:statistics:statisticValueMessage"  # [real]
STATISTIC_CATALOG = "urn:inin.com:statistics:statisticCatalogMessage"
CHAT_CONTENTS = "urn:inin.com:interactions.chat:chatContentsMessage"  # [guess] namespace
CHAT_MEMBERS = "urn:inin.com:interactions.chat:chatMembersMessage"  # [guess] namespace
CALLBACK_MESSAGE = "urn:inin.com:interactions.callback:callbackMessage"
CONSULT_MESSAGE = "urn:inin.com:interactions:consultMessage"  # [guess] type name
USER_ACCESS_MESSAGE = "urn:inin.com:status:statusMessagesUserAccessMessage"  # [guess] type name


def type_matches(actual: object, wanted: str) -> bool:
    """Whether a message's ``__type`` is ``wanted``, given in full or by its last part."""
    actual_text = str(actual or "").lower()
    wanted = wanted.lower()
    return actual_text == wanted or actual_text.rsplit(":", 1)[-1] == wanted
