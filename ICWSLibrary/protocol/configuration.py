"""Configuration facts as ICWS spells them, for the client and the simulator."""

# [doc] rightsFilter values, by lower-case spelling: view, admin (the default), and
# [real] loggedInUser, "the special right to view the logged in user's own configuration,
# guaranteeing access" (the vendor's example app).
RIGHTS_FILTERS = {"view": "view", "admin": "admin", "loggedinuser": "loggedInUser"}
