"""Workgroups: who belongs to which, with which skills, who is activated, and the
wrap-up codes agents may assign."""

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

    @keyword("Get Workgroup Members")
    def get_workgroup_members(self, workgroup: str) -> list:
        """Returns the ids of ``workgroup``'s members, as configured.

        Example:
        | ${members} = | Get Workgroup Members | Support |
        | Should Contain | ${members} | agent1 |
        """
        members = self.connected_session().configuration.workgroup_members(workgroup)
        self.info(f"Workgroup {workgroup} has {len(members)} members.")
        return members

    @keyword("User Should Be Member Of Workgroup")
    def user_should_be_member_of_workgroup(
        self, workgroup: str, user_id: str | None = None, message: str | None = None
    ) -> None:
        """Fails unless ``user_id`` (default: the session's user) is a member of
        ``workgroup``. Ids are compared without regard to case, as CIC compares them.

        Example:
        | User Should Be Member Of Workgroup | Support | user_id=agent1 |
        """
        user = self._user(user_id)
        members = self.connected_session().configuration.workgroup_members(workgroup)
        self.fail_unless(
            user.casefold() in {member.casefold() for member in members},
            lambda: (
                f"Expected '{user}' to be a member of workgroup {workgroup}, but its "
                f"members are: {', '.join(members) or 'none'}."
            ),
            message,
        )
        self.info(f"'{user}' is a member of workgroup {workgroup}.")

    @keyword("Get User Workgroups")
    def get_user_workgroups(self, user_id: str | None = None) -> list:
        """Returns the ids of the workgroups ``user_id`` (default: the session's user)
        belongs to.

        Example:
        | ${workgroups} = | Get User Workgroups | agent5 |
        | Should Be Equal | ${workgroups} | ${{["Sales"]}} |
        """
        user = self._user(user_id)
        workgroups = self.connected_session().configuration.user_workgroups(user)
        self.info(f"'{user}' belongs to {', '.join(workgroups) or 'no workgroup'}.")
        return workgroups

    @keyword("Get User Skills")
    def get_user_skills(self, user_id: str | None = None) -> dict:
        """Returns the skills of ``user_id`` (default: the session's user) as
        ``{skill: {"proficiency": n, "desireToUse": n}}``, levels from 0 to 100.

        Example:
        | ${skills} = | Get User Skills | agent1 |
        | Should Be Equal As Integers | ${skills}[English][proficiency] | 80 |
        """
        user = self._user(user_id)
        skills = self.connected_session().configuration.user_skills(user)
        self.info(f"'{user}' has {len(skills)} skills: {', '.join(skills) or 'none'}.")
        return skills

    @keyword("User Should Have Skill")
    def user_should_have_skill(
        self,
        skill: str,
        min_proficiency: int = 0,
        user_id: str | None = None,
        message: str | None = None,
    ) -> None:
        """Fails unless ``user_id`` (default: the session's user) has ``skill`` with a
        proficiency of ``min_proficiency`` or more.

        Example:
        | User Should Have Skill | English | min_proficiency=50 | user_id=agent1 |
        """
        user = self._user(user_id)
        skills = self.connected_session().configuration.user_skills(user)
        by_name = {name.casefold(): (name, levels) for name, levels in skills.items()}
        found = by_name.get(skill.casefold())
        proficiency = found[1].get("proficiency", 0) if found else None
        self.fail_unless(
            found is not None and proficiency >= min_proficiency,
            lambda: f"Expected '{user}' to have skill {skill} with proficiency "
            f"{min_proficiency} or more, but "
            + (f"it is {proficiency}." if found else
               "they do not have it; their skills: "
               + (", ".join(f"{n} {v.get('proficiency', 0)}" for n, v in skills.items())
                  or "none") + "."),
            message,
        )  # fmt: skip
        self.info(f"'{user}' has skill {skill} at proficiency {proficiency}.")

    @keyword("Get Workgroup Wrap-Up Codes")
    def get_workgroup_wrap_up_codes(self, workgroup: str) -> list:
        """Returns the ids of the wrap-up codes agents may assign to ``workgroup``'s
        interactions (see `Assign Wrap-Up Code`).

        Example:
        | ${codes} = | Get Workgroup Wrap-Up Codes | Sales |
        | Should Contain | ${codes} | Sale |
        """
        codes = self.connected_session().configuration.workgroup_wrap_up_codes(workgroup)
        self.info(f"Workgroup {workgroup} offers {len(codes)} wrap-up codes.")
        return codes
