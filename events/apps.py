from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import invalidation, signals  # noqa: F401 (connects the receivers)
        from events.webhooks import signals as webhook_signals

        invalidation.connect()
        webhook_signals.connect()
        _audit()


def _audit():
    """Who changed what (common/audit.py): the agenda and the quotes, with their inlines."""
    from common import audit
    from events.models import (
        Forum,
        ForumOrganization,
        PanelTopic,
        Quote,
        Session,
        SessionParticipant,
    )

    audit.register(Forum)
    audit.register(ForumOrganization, page="forum")
    audit.register(PanelTopic)
    audit.register(Session, m2m=["topics"])
    audit.register(SessionParticipant, page="session")
    # The search document and vector are derived from the rest; the dates say themselves.
    derived = ["search_document", "search_vector", "created_at", "updated_at"]
    audit.register(Quote, exclude=derived, m2m=["topics"])
