"""Configuration facts as ICWS spells them, for the client and the simulator."""

# [doc] rightsFilter values, by lower-case spelling: view, admin (the default), and
# [real] loggedInUser, "the special right to view the logged in user's own configuration,
# guaranteeing access" (the vendor's example app).
RIGHTS_FILTERS = {"view": "view", "admin": "admin", "loggedinuser": "loggedInUser"}

# [SDK] Configuration.People.js: the properties of each configuration type (the vendor's
# JavaScript SDK data contracts), which ``select`` may name. Every type shares the first
# five; the simulator answers those it holds a value for, the rest as null (left out).
_COMMON = ("createdDate", "customAttributes", "lastModifiedDate", "notes")
_PARKING = tuple(
    f"parked{medium}{what}"
    for medium in ("Call", "Chat", "Email", "GenericObject")
    for what in ("Extension", "Timeout")
)
SDK_PROPERTIES: dict[str, tuple[str, ...]] = {
    "users": (
        *_COMMON, "accessControlGroupAssignment", "accessRights", "acdAgentGreeting",
        "acdAgentGreetingFile", "administrativeRights", "alias", "autoAnswerAcdInteractions",
        "autoAnswerNonAcdInteractions", "callbackEnabledWorkgroups",
        "clientConfigDateLastModified", "clientConfigurationTemplate", "clientTemplate",
        "cost", "defaultWorkstation", "excludeFromDirectory", "extension", "faxCapability",
        "homeSite", "interactionDisconnectedAction", "interactionOfferingAction",
        "interactionOfferingTimeout", "licenseProperties", "location",
        "lyncIntegrationEnabled", "lyncLineUri", "lyncOption", "lyncSipAddress",
        "mailboxProperties", "mwiAddress", "mwiEnabled", "mwiMode", "nameSpellingsAsr",
        "nameSpellingTts", "ntDomainUser", "outboundAni", "outlookIntegrationEnabled",
        "pagerActive", *_PARKING, "passwordPolicies", "personalInformationProperties",
        "preferredLanguage", "roles", "securityRights", "skills", "statisticsShiftStarts",
        "statusText", "umDestination", "umRemoteOverride", "clientConfigurationProperties",
        "utilizations", "vniStation", "whisperToneLevel", "workgroups",
    ),
    "workgroups": (
        *_COMMON, "accessControlGroupAssignment", "accessRights", "acdDisconnectedAction",
        "acdIncomingAction", "acdOfferingAction", "acdSaveRepliesToSentItemsFolder",
        "acdTransferAction", "acdUseAvailablityTime", "administrativeRights",
        "agentScoreChange", "callbackMaxRetry", "callbackServiceLevelDistribution",
        "callbackServiceLevelTarget", "callbackSnoozeDuration",
        "callServiceLevelDistribution", "callServiceLevelTarget", "callStatisticsPeriod",
        "captureInRecordings", "chatServiceLevelDistribution", "chatServiceLevelTarget",
        "clientWaitTimeout", "emailServiceLevelDistribution", "emailServiceLevelTarget",
        "estimatedCallTimeInterval", "executeTransferActionOnUserTransfer", "extension",
        "faxCapability", "genericServiceLevelDistribution", "genericServiceLevelTarget",
        "gracePeriodBeforeNew", "hasQueue", "interactionDisconnectedAction",
        "interactionOfferingAction", "interactionOfferingTimeout", "isAcdEmailRoutingActive",
        "isActive", "isCallbackEnabled", "isExemptHeldInteractionsEnabled", "isWrapUpActive",
        "keypadWaitTimeout", "maximumChatReponseTime", "maxNumberOfExempt", "members",
        "membersSpanSites", "monitoredMailboxes", "nameSpellingsAsr", "nameSpellingTts",
        "noAnswerStatus", "onCallStatus", "onHoldMessage", "onHoldMusic", "operatorTarget",
        *_PARKING, "playToExternalPartiesOnly", "preferredLanguage", "queueType", "recordAll",
        "revertToAvailableTimeout", "roles", "secureInputForms", "securityRights",
        "selectedTone", "skills", "socialConversationServiceLevelDistribution",
        "socialConversationServiceLevelTarget", "socialDirectMessageServiceLevelDistribution",
        "socialDirectMessageServiceLevelTarget", "statisticParameterGroup",
        "statisticsShiftStarts", "supervisors", "useRecordingTones", "useTiffForFaxes",
        "utilizations", "voicemailMessage", "workgroupMailboxProperties",
        "workItemServiceLevelDistribution", "workItemServiceLevelTarget", "wrapUpCodes",
        "wrapUpPrompt", "wrapUpStatus", "wrapUpTimeout",
    ),
    "skills": (*_COMMON, "accessControlGroupAssignment", "userAssignments", "workgroupAssignments"),
    "roles": (
        *_COMMON, "accessControlGroupAssignment", "accessRights", "administrativeRights",
        "clientConfigurationTemplate", "passwordPolicies", "securityRights", "users",
        "workgroups",
    ),
    "wrap-up-codes": (
        *_COMMON, "accessControlGroupAssignment", "category", "digits", "isPermanent",
        "isRightPartyContact", "label",
    ),
    "wrap-up-categories": (
        *_COMMON, "accessControlGroupAssignment", "isActualContact", "isPermanent",
        "isSuccessfulInteraction", "label", "phoneNumberStatus", "recordStatus",
        "shouldIncrementAttempts",
    ),
    # [SDK] Configuration.Hardware.js Station.
    "stations": (
        *_COMMON, "shouldAlwaysRing", "callsPerLineKey", "connectionAddress", "contactLine",
        "isShareable", "lineKeys", "offeringCallTimeout", "order", "phoneNumberClassifications",
        "requireForcedAuthorizationCode", "ringSet", "security", "accessControlGroupAssignment",
        "active", "allowSipRegistration", "extension", "identificationAddress", "machineName",
        "stationLicenseProperties", "stationType",
    ),
}  # fmt: skip
# [SDK] Configuration.Hardware.js StationType.
STATION_TYPES = {
    "stand-alone phone": 0, "workstation": 1, "stand-alone fax machine": 2,
    "remote workstation": 3, "unified messaging": 4,
}  # fmt: skip
