"""Configuration objects: users, workgroups, stations, skills, roles, wrap-up codes, ..."""

from __future__ import annotations

from enum import Enum

from robot.api.deco import keyword

from ..client import ICWSError
from ..client.configuration import object_id, property_at
from .base import LibraryComponent


class RightsFilter(Enum):
    """Which right a read uses: ``view`` (any user with view rights), ``admin`` (needs
    the administrator's right; the server's own default) or ``loggedInUser`` (the
    logged-in user's own configuration, always readable by them)."""

    view = "view"
    admin = "admin"
    loggedInUser = "loggedInUser"  # noqa: N815 - the value's ICWS spelling


class ConfigurationKeywords(LibraryComponent):
    @keyword("Get Configuration Object")
    def get_configuration_object(
        self, type: str, id: str, *properties: str, rights_filter: RightsFilter = RightsFilter.view
    ) -> dict:
        """Returns one configuration object as a dictionary: its ``configurationId``
        (``id``, ``displayName``, ``uri``) and the ``properties`` named (``*``: all).

        ``type`` is the ICWS name of the object type: ``users``, ``workgroups``,
        ``stations``, ``skills``, ``roles``, ``wrap-up-codes``, ``wrap-up-categories``, ...
        The server leaves out properties that have no value. ``rights_filter=admin`` needs
        the administrator's right; ``view`` works for any account allowed to see the object.

        Example:
        | ${workgroup} = | Get Configuration Object | workgroups | Support | members | isWrapUpActive |
        | Should Be Equal | ${workgroup}[configurationId][id] | Support |
        | Should Not Be True | ${workgroup}[isWrapUpActive] |
        """
        found = self.connected_session().configuration.get(
            type, id, properties, rights_filter.value
        )
        self.info(f"Read {type} object '{object_id(found)}' ({len(found) - 1} properties).")
        return found

    @keyword("Get Configuration Objects")
    def get_configuration_objects(
        self,
        type: str,
        *properties: str,
        where: str | None = None,
        rights_filter: RightsFilter = RightsFilter.view,
    ) -> list:
        """Returns every configuration object of ``type`` that meets ``where``, as a list
        of dictionaries like those of `Get Configuration Object`, sorted by display name.

        ``where`` holds conditions ``property operator value``, separated by commas, all of
        which must hold: operators ``eq`` (equals), ``sw`` (starts with) and ``ct``
        (contains), on properties such as ``configurationId.id``,
        ``configurationId.displayName`` and ``extension``. All pages are read: a server
        answers at most 200 objects at a time when properties are selected. With
        ``rights_filter=admin``, an account without the administrator's right gets an empty
        list rather than an error: the server filters the list by that right.

        Example:
        | ${agents} = | Get Configuration Objects | users | extension | where=configurationId.id sw agent |
        | Should Be Equal | ${agents}[0][configurationId][id] | agent1 |
        | ${codes} = | Get Configuration Objects | wrap-up-codes |
        """
        found = self.connected_session().configuration.list(
            type, properties, where, rights_filter.value
        )
        condition = f" where {where}" if where else ""
        self.info(f"Read {len(found)} {type} objects{condition}.")
        return found

    @keyword("Configuration Object Should Exist")
    def configuration_object_should_exist(
        self, type: str, id: str, message: str | None = None
    ) -> None:
        """Fails unless the server has a configuration object of ``type`` with ``id``.

        Example:
        | Configuration Object Should Exist | workgroups | Support |
        | Configuration Object Should Exist | wrap-up-codes | Resolved |
        | Configuration Object Should Exist | stations | 7001 |
        """
        session = self.connected_session()
        try:
            session.configuration.get(type, id)
        except ICWSError as error:
            if error.status != 404:
                raise
            raise AssertionError(
                message
                or f"Expected {type} object '{id}' to exist on {session.address}, but "
                f"the server answered {error.status} {error.error_id or ''}: "
                f"{(error.server_message or '').rstrip('.')}."
            ) from None
        self.info(f"The {type} object '{id}' exists.")

    @keyword("Configuration Property Should Be")
    def configuration_property_should_be(
        self, type: str, id: str, property: str, expected, message: str | None = None
    ) -> None:
        """Fails unless ``property`` of the configuration object is ``expected``.

        ``property`` may be a dotted path into the object: ``licenseProperties.mediaLevel``,
        ``members.0.id``. The value matches ``expected`` when equal to it or when written
        the same (``true``/``false`` for booleans, numbers as digits); a reference to another
        object (``{id, displayName, uri}``) matches its id.

        Example:
        | Configuration Property Should Be | users | agent1 | extension | 1001 |
        | Configuration Property Should Be | users | agent1 | licenseProperties.mediaLevel | 1 |
        | Configuration Property Should Be | workgroups | Sales | wrapUpStatus | Follow Up |
        """
        top = property.split(".")[0]
        found = self.connected_session().configuration.get(type, id, [top])
        try:
            actual = property_at(found, property)
        except KeyError as missing:
            present = ", ".join(name for name in found if name != "configurationId") or "none"
            raise AssertionError(
                message
                or f"Expected {property} of {type} object '{id}' to be {expected!r}, but "
                f"it has no {missing.args[0]} (the server leaves out properties with no value); "
                f"its properties: {present}."
            ) from None
        self.fail_unless(
            _matches(actual, expected),
            lambda: (
                f"Expected {property} of {type} object '{id}' to be {expected!r}, but it "
                f"is {_compared(actual)!r}."
            ),
            message,
        )
        self.info(f"{property} of {type} object '{id}' is {expected!r}.")


def _compared(value):
    """What a value is compared as: a reference to another object is its id."""
    return value["id"] if isinstance(value, dict) and "id" in value else value


def _matches(actual, expected) -> bool:
    if actual == expected:
        return True
    if isinstance(actual, dict) and "id" in actual:
        return _matches(actual["id"], expected)
    if isinstance(actual, bool):
        return str(expected).strip().lower() == str(actual).lower()
    if isinstance(actual, (int, float, str)):
        return str(actual) == str(expected).strip()
    return False
