"""Interaction numbers and letters as ICWS spells them, once for the client and the simulator:
queue types, media types, ``Eic_State`` letters and alert actions."""

# [doc] queueType values.
SYSTEM_QUEUE, USER_QUEUE, WORKGROUP_QUEUE, STATION_QUEUE = 0, 1, 2, 3
QUEUE_TYPE_NAMES = {
    SYSTEM_QUEUE: "system", USER_QUEUE: "user", WORKGROUP_QUEUE: "workgroup",
    STATION_QUEUE: "station",
}  # fmt: skip
# [doc] SDK supportedMediaType.
MEDIA_TYPES = {
    "call": 1, "chat": 2, "email": 3, "generic": 4, "callback": 5, "sms": 6, "workitem": 7,
    "directmessage": 8, "social": 9,
}  # fmt: skip
# [doc] Eic_State letters and what they mean.
STATE_NAMES = {
    "A": "Alerting", "C": "Connected", "H": "Held", "M": "Messaging", "O": "Offering",
    "P": "Parked", "R": "Proceeding", "X": "Suspended", "S": "System",
    "I": "Internally Disconnected", "E": "Externally Disconnected",
}  # fmt: skip
DISCONNECTED_STATES = "IE"
# [guess] The licence an agent's session must hold for ACD to offer it interactions
# (CONTACT-CENTER 2.7: unverified).
ACD_LICENSE = "I3_ACCESS_ACD"
# Eic_Capabilities: a bitmask of what may be done to an interaction now, which desktops
# read to enable their buttons. [real] The whole enum, in bit order, from an ICWS library
# by a vendor engineer (a SugarCRM connector's ICWS.parseCapabilities): its first thirteen
# names are in alphabetical order, as an enum's original members would be. The vendor's
# Mac client tests 4 for pickup and 256 for hold, but guards each with the state
# (pickup "and not connected", hold "or connected"), as one would if those two were
# swapped; this table follows the complete enum.
CAPABILITIES = {
    "consult": 1, "disconnect": 2, "hold": 4, "listen": 8, "messaging": 16, "mute": 32,
    "park": 64, "pause": 128, "pickup": 256, "private": 512, "record": 1024,
    "request help": 2048, "transfer": 4096, "join": 8192, "object window": 16384,
    "conference": 32768, "coach": 65536, "suspended": 131072,
    "secure recording pause": 262144,
}  # fmt: skip
# [doc] alertAction: StartAlerting 1, StopAlerting 2.
START_ALERTING, STOP_ALERTING = 1, 2
# [SDK] Interactions.js: the enums of createGenericInteractionParameters, each value with
# its name and the letter an attribute shows it as. InteractionState is not the numbering
# of the Eic_State letters; InteractionDirection shows as Eic_CallDirection;
# InteractionPartyType as Eic_CallType [guess: internal is an intercom object].
GENERIC_INITIAL_STATES = {
    0: ("None", None), 1: ("Alerting", "A"), 2: ("Connected", "C"), 3: ("Held", "H"),
    4: ("Messaging", "M"), 5: ("Offering", "O"), 6: ("Parked", "P"), 7: ("Proceeding", "R"),
    8: ("Suspended", "X"), 9: ("System", "S"), 10: ("InternalDisconnect", "I"),
    11: ("ExternalDisconnect", "E"),
}  # fmt: skip
INTERACTION_DIRECTIONS = {0: ("None", None), 1: ("Incoming", "I"), 2: ("Outgoing", "O")}
PARTY_TYPES = {0: ("None", None), 1: ("Internal", "I"), 2: ("External", "E")}
