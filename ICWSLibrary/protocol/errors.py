"""ICWS error ids and codes that the client and the simulator both rely on."""

# [real] shared/icws/recorded/connection-400-authentication-failure.json
AUTHENTICATION_FAILURE = {
    "errorId": "error.request.connection.authenticationFailure",
    "errorCode": -2147221503,
    "message": "The authentication process failed.",
}
# [doc] the errorCode of a 401 for a session that has ended.
SESSION_NO_LONGER_VALID = -2147221499
# [real] E_FAIL, the code of an internal server error.
INTERNAL_ERROR_CODE = -2147467259
# [real] The errorId a real server gives a station that does not exist.
NO_STATION_ERROR_ID = "-2147221496"
# [doc] The __type of the 400 that names a missing or invalid property of a request.
MISSING_PROPERTY_ERROR = "urn:inin.com:common:missingPropertyError"
INVALID_PROPERTY_ERROR = "urn:inin.com:common:invalidPropertyError"
# [doc] connectionState values of GET connection and connectionStateChangeMessage.
CONNECTION_UP, CONNECTION_DOWN = 1, 2
