"""URL patterns mounted by the apphooks in events/cms_apps.py (one list per CMS page).

The forum patterns join the exports in events/urls.py.
"""

from django.urls import path

from events.public import feeds
from events.public.views import calendars, embed, forums, quotes, sessions, speakers, topics

forum_patterns = [
    path("", forums.forum_list, name="forum-list"),
    # Dots keep the feeds and downloads apart from the slug patterns.
    path("quotes.rss", feeds.QuotesFeed(), name="quotes-rss"),
    path("quotes.atom", feeds.QuotesAtomFeed(), name="quotes-atom"),
    # Before the session pattern, so "quotes/12/" is never read as forum "quotes".
    path("quotes/<int:pk>/", quotes.quote_detail, name="quote-detail"),
    path("quotes/<int:pk>/card.png", quotes.quote_card, name="quote-card"),
    path("<slug:slug>/", forums.forum_detail, name="forum-detail"),
    path("<slug:slug>/sessions.rss", feeds.ForumSessionsFeed(), name="forum-sessions-rss"),
    path("<slug:slug>/sessions.atom", feeds.ForumSessionsAtomFeed(), name="forum-sessions-atom"),
    path("<slug:slug>/calendar.ics", calendars.forum_calendar, name="forum-calendar"),
    path("<slug:slug>/programme.pdf", calendars.forum_programme, name="forum-programme"),
    path("<slug:slug>/embed/", embed.forum_embed, name="forum-embed"),
    path(
        "<slug:forum_slug>/<slug:slug>/calendar.ics",
        calendars.session_calendar,
        name="session-calendar",
    ),
    path("<slug:forum_slug>/<slug:slug>/", sessions.session_detail, name="session-detail"),
    path("<slug:forum_slug>/<slug:slug>/card.png", sessions.session_card, name="session-card"),
]

speaker_patterns = [
    path("", speakers.speaker_list, name="speaker-list"),
    path("<slug:slug>/", speakers.speaker_detail, name="speaker-detail"),
    path("<slug:slug>/card.png", speakers.speaker_card, name="speaker-card"),
]

topic_patterns = [
    path("", topics.topic_list, name="topic-list"),
    path("<slug:slug>/", topics.topic_detail, name="topic-detail"),
]
