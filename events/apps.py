from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from events import invalidation, signals  # noqa: F401 (connects the receivers)

        invalidation.connect()
