from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "speakers"
    verbose_name = _("Speakers")

    def ready(self):
        from common import audit
        from speakers.models import Affiliation, Organization, Speaker

        # Who changed what (common/audit.py); affiliations are edited on the speaker's page.
        audit.register(Organization)
        audit.register(Speaker)
        audit.register(Affiliation, page="speaker")
