"""Test accounts: under pabot, each process takes a set of its own; passwords stay Secret;
a logon refused with a password nobody set says which variable to set.

A Python library rather than resource keywords, so that ``robot --dryrun`` (which runs
every branch of a resource keyword, pabot's listener included) stays clean: a dry run
only checks that these keywords exist.
"""

import os

from robot.libraries.BuiltIn import BuiltIn

# The password every account of the simulator's default scenario has; the suites fall back
# to it when the environment gives none.
SIMULATOR_PASSWORD = "1234"

# The variables each set in resources/pabot_users.dat gives.
ACCOUNT_VARIABLES = (
    "ICWS_USER", "ICWS_PASSWORD", "ICWS_DISPLAY_NAME", "ICWS_OTHER_USER",
    "ICWS_OTHER_PASSWORD", "ICWS_STATION", "ICWS_OTHER_STATION",
)  # fmt: skip
VALUE_SET_TAG = "icws-users"


class PabotAccounts:
    ROBOT_LIBRARY_SCOPE = "GLOBAL"
    ROBOT_LISTENER_API_VERSION = 3

    def __init__(self) -> None:
        self._taken = False
        # Password variables that hold the simulator's password only because nothing set them.
        self._defaulted: set[str] = set()
        self.ROBOT_LIBRARY_LISTENER = self

    def take_test_accounts(self, *password_names: str) -> None:
        """Takes this process's test accounts under pabot, and keeps the passwords
        ``password_names`` name out of every log (see `Keep Passwords Secret`)."""
        self.use_pabot_accounts()
        self.keep_passwords_secret(*password_names)

    def use_pabot_accounts(self) -> None:
        """Under pabot, reserves a set of test accounts (``resources/pabot_users.dat``)
        for this process and aims the suites at them; elsewhere does nothing."""
        builtin = BuiltIn()
        if self._taken or builtin.get_variable_value("${PABOTLIBURI}") is None:
            return
        builtin.import_library("pabot.PabotLib")
        builtin.run_keyword("pabot.PabotLib.Acquire Value Set", VALUE_SET_TAG)
        for name in ACCOUNT_VARIABLES:
            value = builtin.run_keyword("pabot.PabotLib.Get Value From Set", name)
            builtin.set_global_variable(f"${{{name}}}", value)
        self._taken = True

    def keep_passwords_secret(self, *names: str) -> None:
        """Turns these global password variables into Robot Framework ``Secret`` values,
        which no log shows; on Robot Framework before 7.4 (no Secret) leaves them as they are.
        Remembers those that hold the simulator's password only because nothing set them."""
        try:
            from robot.api.types import Secret
        except ImportError:  # Robot Framework 7.0 to 7.3
            Secret = None  # noqa: N806
        builtin = BuiltIn()
        for name in names:
            value = builtin.get_variable_value(f"${{{name}}}")
            if value is None:
                continue
            secret = Secret is not None and isinstance(value, Secret)
            plain = value.value if secret else str(value)
            if plain == SIMULATOR_PASSWORD and name not in os.environ:
                self._defaulted.add(name)
            if Secret is not None and not secret:
                builtin.set_global_variable(f"${{{name}}}", Secret(plain))

    def release_pabot_accounts(self) -> None:
        """Gives the accounts reserved by `Use Pabot Accounts` back to pabot."""
        if self._taken:
            BuiltIn().run_keyword("pabot.PabotLib.Release Value Set")
            self._taken = False

    def end_keyword(self, data, result) -> None:
        """Listener: a logon refused with a defaulted password names the variable to set."""
        if not (result.failed and data.name.lower() == "connect to icws" and len(data.args) > 1):
            return
        password = str(data.args[1]).strip()
        name = password[2:-1] if password.startswith("${") and password.endswith("}") else ""
        if name in self._defaulted and "authentication" in result.message.lower():
            result.message += (
                f" The password came from ${{{name}}}, which nothing set, so it was the "
                f"simulator's; set the environment variable {name} to this account's password."
            )
