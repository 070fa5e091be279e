"""Workforce management (feature ``wfm``) as ICWS spells it, once for the client and the
simulator: the enums' numbers and names, the ``select`` words of ``GET wfm/data`` and the
JSON types of its answer.

[SDK] The enums and types are the vendor's JavaScript SDK (Wfm.js); [doc] the ``select``
words are the reference page of ``GET /icws/{sessionId}/wfm/data`` (wfm 1).
"""

from __future__ import annotations

# [SDK] ActivityType: what a schedule interval or an activity code is.
ACTIVITY_TYPES = {
    1: "Break", 2: "Meal", 3: "Meeting", 4: "ACD", 5: "NonACD", 6: "TimeOff", 7: "Training",
    8: "Unavailable", 9: "Unscheduled", 10: "Vacation", 11: "Unknown",
}  # fmt: skip
# [SDK] TimeOffRequestType and TimeOffRequestState (``All`` is a filter, never a value).
FULL_DAY, PARTIAL_DAY = 3, 5
REQUEST_TYPES = {FULL_DAY: "FullDay", PARTIAL_DAY: "PartialDay"}
PENDING, APPROVED, DENIED, CANCELED = 3, 5, 7, 13
REQUEST_STATES = {PENDING: "Pending", APPROVED: "Approved", DENIED: "Denied", CANCELED: "Canceled"}
# [SDK] WaitlistReason: why a request waits for a person instead of being approved.
NOT_WAITLISTED, NOT_IN_ACCRUAL_PLAN, AUTO_APPROVE_DISABLED = 0, 2, 3
NOT_ENOUGH_ACCRUED, NOT_ENOUGH_ALLOTMENT = 4, 5
WAITLIST_REASONS = {
    NOT_WAITLISTED: "NotWaitlisted", 1: "Unknown",
    NOT_IN_ACCRUAL_PLAN: "ActivityCodeNotPartOfAccrualPlan",
    AUTO_APPROVE_DISABLED: "AutoApproveDisabled", NOT_ENOUGH_ACCRUED: "NotEnoughAccruedHours",
    NOT_ENOUGH_ALLOTMENT: "NotEnoughAvailableAllotments",
    6: "UserDoesNotBelongToSchedulingUnit", 7: "UserDoesNotBelongToCoverageGroup",
    8: "NoAllotmentDataExists", 9: "InvalidatesApprovedRequestsInFuture",
}  # fmt: skip
# [SDK] DenyReason: why a request was denied.
NOT_DENIED, ON_BLACKOUT_DAY, OVERLAPS_REQUEST = 0, 3, 5
DENY_REASONS = {
    NOT_DENIED: "NotDenied", 1: "Unknown", 2: "RequestExceedsWaitlistCap",
    ON_BLACKOUT_DAY: "RequestOnBlackoutDay", 4: "RequestOutsideActiveTimeOffPlan",
    OVERLAPS_REQUEST: "RequestOverlapsWithExistingTOR",
}  # fmt: skip
# [SDK] DayOfWeek, as Python's weekday() is not: Sunday is 0.
DAYS_OF_WEEK = {
    0: "Sunday", 1: "Monday", 2: "Tuesday", 3: "Wednesday", 4: "Thursday", 5: "Friday",
    6: "Saturday",
}  # fmt: skip

# [doc] The select words of GET wfm/data and the WfmData property each fills. The page
# lists the first six; [guess] "configuration" and "notifications" name the other two
# required properties alike. (Trades, wfm 4, are not simulated.)
SELECT_WORDS = {
    "schedule": "schedule", "time-off": "timeOff", "accrual": "accrual",
    "availability": "availability", "activity-codes": "activityCodes",
    "status-mappings": "statusMappings", "configuration": "configuration",
    "notifications": "notifications",
}  # fmt: skip

# [SDK] The JSON types of the versioned parts of WfmData (their __type is required).
URN = "urn:inin.com:wfm:"
COLLECTION_TYPES = {
    "schedule": URN + "versionedScheduleIntervalCollection",
    "timeOff": URN + "versionedTimeOffRequestCollection",
    "availability": URN + "versionedTimeOffAvailabilityCollection",
    "accrual": URN + "versionedTimeOffAccrualCollection",
    "activityCodes": URN + "versionedActivityCodeMap",
    "statusMappings": URN + "versionedStatusMap",
    "configuration": URN + "agentConfiguration",
    "notifications": URN + "versionedNotificationCollection",
}  # fmt: skip
DATA_VERSIONS_MESSAGE = URN + "dataVersionsMessage"
# [SDK] DataVersionsMessage's version of each part of WfmData.
VERSION_FIELDS = {
    "schedule": "scheduleVersion", "timeOff": "timeOffRequestVersion",
    "notifications": "notificationVersion", "accrual": "accrualVersion",
    "availability": "availabilityVersion", "activityCodes": "activityCodesVersion",
}  # fmt: skip


def name_in(table: dict[int, str], value) -> str:
    """The enum name of a number, or the number as text when the table lacks it."""
    return table.get(value, str(value)) if isinstance(value, int) else str(value)


def number_in(table: dict[int, str], name: str) -> int | None:
    """The number of an enum name, without regard to case or spaces; None if unknown."""
    folded = str(name).replace(" ", "").replace("-", "").casefold()
    return next((n for n, text in table.items() if text.casefold() == folded), None)
