"""Which ICWS fields and headers carry secrets: one table for logs, errors and recordings."""

# Every JSON field (and query parameter) whose value is secret, lower-cased, with the kind
# of secret it holds: logs mask them, recordings turn them into {{kind:N}} placeholders.
SECRET_FIELD_KINDS = {
    "password": "password",
    "newpassword": "password",
    "oldpassword": "password",
    "csrftoken": "csrfToken",
    "authtoken": "authToken",
    "authtokenseed": "authToken",
    "singlesignontoken": "ssoToken",
    "token": "token",
    "accesstoken": "token",
    "refreshtoken": "token",
    "idtoken": "token",
    "apikey": "token",
    "clientsecret": "token",
}
SECRET_FIELDS = frozenset(SECRET_FIELD_KINDS)
# Kinds short enough to occur inside other data: replaced only in their fields and as
# whole values, never as substrings.
SHORT_SECRET_KINDS = frozenset(("password",))
SECRET_HEADERS = frozenset(("cookie", "set-cookie", "inin-icws-csrf-token", "authorization"))
# Set-Cookie attributes are not cookies: their values stay readable.
COOKIE_ATTRIBUTES = frozenset(("path", "domain", "expires", "max-age", "samesite", "version"))
