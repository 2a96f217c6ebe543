"""The events models, one module per concern, all importable from `events.models`."""

from events.models.agendas import AgendaStar, PersonalAgenda
from events.models.choices import LANGUAGE_CHOICES, TIME_ZONE_CHOICES
from events.models.forums import Forum, ForumOrganization, Room, Venue
from events.models.plugins import (
    FeaturedQuotePluginConfig,
    ForumAgendaPluginConfig,
    ForumListPluginConfig,
    LatestQuotesPluginConfig,
    SpeakerGridPluginConfig,
    TopicSessionsPluginConfig,
    UpcomingSessionsPluginConfig,
)
from events.models.press import EmbargoView, PressInvitation
from events.models.quotes import Quote, QuoteCorrection, Source
from events.models.sessions import Session, SessionParticipant
from events.models.topics import PanelTopic
from events.models.webhooks import (
    EventType,
    WebhookAnnouncement,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)

__all__ = [
    "AgendaStar",
    "PersonalAgenda",
    "LANGUAGE_CHOICES",
    "TIME_ZONE_CHOICES",
    "EmbargoView",
    "EventType",
    "FeaturedQuotePluginConfig",
    "Forum",
    "ForumAgendaPluginConfig",
    "ForumListPluginConfig",
    "LatestQuotesPluginConfig",
    "ForumOrganization",
    "PanelTopic",
    "PressInvitation",
    "Quote",
    "QuoteCorrection",
    "Room",
    "Session",
    "SessionParticipant",
    "Source",
    "SpeakerGridPluginConfig",
    "TopicSessionsPluginConfig",
    "UpcomingSessionsPluginConfig",
    "Venue",
    "WebhookAnnouncement",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
]
