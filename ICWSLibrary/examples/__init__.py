"""Example suites that come with the package (``icws-simulator --example`` prints one)."""

from importlib import resources


def first_suite() -> str:
    """The text of the first-steps suite: it starts its own simulator, so it runs anywhere."""
    return resources.files(__package__).joinpath("first_suite.robot").read_text("utf-8")
