"""Workgroups: who is activated in which, and changing it."""

from __future__ import annotations

from robot.api.deco import keyword

from .base import LibraryComponent


class WorkgroupKeywords(LibraryComponent):
    def _user(self, user_id: str | None) -> str:
        return user_id or self.connected_session().user_id

    @keyword("Get Workgroup Activations")
    def get_workgroup_activations(self, workgroup: str) -> dict:
        """Returns ``{user id: activated}`` for every member of ``workgroup``.

        Example:
        | ${activations} = | Get Workgroup Activations | Support |
        | Should Be True | ${activations}[agent1] |
        """
        activations = self.connected_session().activations.of_workgroup(workgroup)
        active = sum(1 for on in activations.values() if on)
        self.info(f"{active} of {len(activations)} members are activated in {workgroup}.")
        return activations

    @keyword("Activate User In Workgroup")
    def activate_user_in_workgroup(self, workgroup: str, user_id: str | None = None) -> None:
        """Activates ``user_id`` (default: the session's user) in ``workgroup``: ACD may
        route the workgroup's interactions to them again.

        Users change their own activations; a workgroup's supervisors change anyone's in it.

        Example:
        | Connect To ICWS | agent1 | ${PASSWORD} |
        | Deactivate User In Workgroup | Support |
        | Activate User In Workgroup | Support |
        | User Should Be Activated In Workgroup | Support |
        """
        user = self._user(user_id)
        self.connected_session().activations.set(user, workgroup, True)
        self.info(f"'{user}' is activated in {workgroup}.")

    @keyword("Deactivate User In Workgroup")
    def deactivate_user_in_workgroup(self, workgroup: str, user_id: str | None = None) -> None:
        """Deactivates ``user_id`` (default: the session's user) in ``workgroup``: ACD
        routes none of the workgroup's interactions to them.

        Example:
        | Connect To ICWS | supervisor | ${PASSWORD} |
        | Deactivate User In Workgroup | Support | user_id=agent2 |
        | ${activations} = | Get Workgroup Activations | Support |
        | Should Not Be True | ${activations}[agent2] |
        """
        user = self._user(user_id)
        self.connected_session().activations.set(user, workgroup, False)
        self.info(f"'{user}' is deactivated in {workgroup}.")

    @keyword("User Should Be Activated In Workgroup")
    def user_should_be_activated_in_workgroup(
        self, workgroup: str, user_id: str | None = None, message: str | None = None
    ) -> None:
        """Fails unless ``user_id`` (default: the session's user) is a member of
        ``workgroup`` and activated in it.

        Example:
        | User Should Be Activated In Workgroup | Support | user_id=agent1 |
        """
        user = self._user(user_id)
        activations = self.connected_session().activations.of_user(user)
        by_name = {name.casefold(): on for name, on in activations.items()}
        on = by_name.get(workgroup.casefold())
        self.fail_unless(
            on is True,
            lambda: f"Expected '{user}' to be activated in workgroup {workgroup}, but "
            + ("they are deactivated." if on is False else
               f"they are not a member; their workgroups: {', '.join(activations) or 'none'}."),
            message,
        )  # fmt: skip
        self.info(f"'{user}' is activated in {workgroup}.")
