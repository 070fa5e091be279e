"""Configuration subscriptions: what a watch sees, its first message, and the deltas."""

from __future__ import annotations

from .objects import MESSAGE_TYPE, ConfigurationWatch, Objects, _camel


class Watching(Objects):
    """One concern of :class:`~.ConfigurationStore`, over the object views of
    :class:`~.objects.Objects`."""

    def watched(self, watch: ConfigurationWatch) -> dict[str, dict]:
        """What a subscription sees now: id -> object with its properties, nulls left out."""
        if watch.hidden:
            return {}
        seen = {}
        for item in self.types[watch.kind].objects():
            if watch.ids is None or item.id.lower() in watch.ids:
                seen[item.id.lower()] = self.selected(watch.kind, item, watch.properties)
        return seen

    def first_message(self, subscription_id: str, watch: ConfigurationWatch) -> dict:
        watch.known = self.watched(watch)
        return {
            "__type": MESSAGE_TYPE.format(_camel(watch.kind)),
            "isDelta": False,
            "subscriptionId": subscription_id,
            "added": list(watch.known.values()),
            "changed": [],
            "removed": [],
        }

    def changes(self, subscription_id: str, watch: ConfigurationWatch) -> dict | None:
        """The delta since the subscriber last heard, or None when nothing changed."""
        now = self.watched(watch)
        added = [view for key, view in now.items() if key not in watch.known]
        changed = [
            view for key, view in now.items() if key in watch.known and watch.known[key] != view
        ]
        # [doc] The SDK's UsersMessage, WorkgroupsMessage... type removed as String[]: the
        # ids of the objects gone.
        removed = [
            view["configurationId"]["id"] for key, view in watch.known.items() if key not in now
        ]
        watch.known = now
        if not (added or changed or removed):
            return None
        return {
            "__type": MESSAGE_TYPE.format(_camel(watch.kind)),
            "isDelta": True,
            "subscriptionId": subscription_id,
            "added": added,
            "changed": changed,
            "removed": removed,
        }
