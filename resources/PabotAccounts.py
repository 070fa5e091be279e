"""Test accounts: under pabot, each process takes a set of its own; passwords stay Secret.

A Python library rather than resource keywords, so that ``robot --dryrun`` (which runs
every branch of a resource keyword, pabot's listener included) stays clean: a dry run
only checks that these keywords exist.
"""

from robot.libraries.BuiltIn import BuiltIn

# The variables each set in resources/pabot_users.dat gives.
ACCOUNT_VARIABLES = (
    "ICWS_USER", "ICWS_PASSWORD", "ICWS_DISPLAY_NAME", "ICWS_OTHER_USER",
    "ICWS_OTHER_PASSWORD", "ICWS_STATION", "ICWS_OTHER_STATION",
)  # fmt: skip
VALUE_SET_TAG = "icws-users"


class PabotAccounts:
    ROBOT_LIBRARY_SCOPE = "GLOBAL"

    def __init__(self) -> None:
        self._taken = False

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
        which no log shows; on Robot Framework before 7.4 (no Secret) leaves them as they are."""
        try:
            from robot.api.types import Secret
        except ImportError:
            return
        builtin = BuiltIn()
        for name in names:
            value = builtin.get_variable_value(f"${{{name}}}")
            if value is not None and not isinstance(value, Secret):
                builtin.set_global_variable(f"${{{name}}}", Secret(str(value)))

    def release_pabot_accounts(self) -> None:
        """Gives the accounts reserved by `Use Pabot Accounts` back to pabot."""
        if self._taken:
            BuiltIn().run_keyword("pabot.PabotLib.Release Value Set")
            self._taken = False
