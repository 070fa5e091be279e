"""Example suites that come with the package (``icws-simulator --example`` prints one)."""

from importlib import resources

from ..keywords.connection import Secret


def first_suite() -> str:
    """The text of the first-steps suite: it starts its own simulator, so it runs anywhere.

    Its password is a ``Secret``, which Robot Framework has from 7.4; before, a plain
    variable, as the older Robot would not read the suite otherwise."""
    text = resources.files(__package__).joinpath("first_suite.robot").read_text("utf-8")
    if Secret is None:
        text = text.replace(
            "# As a Secret, Robot never shows it in a log, even at --loglevel TRACE.\n"
            "${PASSWORD: Secret}",
            "${PASSWORD}",
        )
    return text
