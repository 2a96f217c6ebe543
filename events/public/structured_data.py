"""schema.org JSON-LD for the public pages: Event, Person and Quotation.

Views build plain dicts from objects they already fetched (no queries here) and
`ld_json` serializes them into a <script> that stays inert whatever the text holds.
"""

import json

from django.utils.safestring import mark_safe

from common.text import plain_text


def ld_json(data):
    """A <script type="application/ld+json"> element safe to place in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    # The characters that could end the <script> element or open a comment inside it.
    # Three replace() calls: str.translate took 20 ms on a 1000-session agenda's 300 KB.
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308


def _prune(data):
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def place(venue, room=None):
    if venue is None:
        return None
    address = _prune(
        {
            "@type": "PostalAddress",
            "streetAddress": venue.address,
            "addressLocality": venue.city,
            "addressRegion": venue.district,
            "addressCountry": venue.country,
        }
    )
    venue_place = _prune({"@type": "Place", "name": venue.name, "address": address})
    if (
        venue_place.get("geo") is None
        and venue.latitude is not None
        and venue.longitude is not None
    ):
        venue_place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(venue.latitude),
            "longitude": float(venue.longitude),
        }
    if room is None:
        return venue_place
    return {"@type": "Place", "name": room.name, "containedInPlace": venue_place}


def person(speaker, absolute, affiliation=None):
    data = {
        "@type": "Person",
        "name": speaker.display_name,
        "alternateName": speaker.name
        if speaker.display_name != speaker.name
        else speaker.name_native,
        "url": absolute(speaker.get_absolute_url()),
    }
    if speaker.photo:
        data["image"] = absolute(speaker.photo.url)
    if affiliation is not None:
        data["jobTitle"] = affiliation.title_text
        data["affiliation"] = {"@type": "Organization", "name": str(affiliation.organization)}
    return _prune(data)


def _event_summary(forum, absolute):
    start, end = forum.local_bounds()
    return {
        "@type": "Event",
        "name": str(forum),
        "url": absolute(forum.get_absolute_url()),
        "startDate": start.isoformat(),
        "endDate": end.isoformat(),
    }


def _status(session):
    return (
        "https://schema.org/EventCancelled"
        if session.is_cancelled
        else "https://schema.org/EventScheduled"
    )


def session_event(session, forum, absolute):
    """Needs `localize` and `attach_participants` to have run on `session`."""
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": str(session),
        "url": absolute(session.url),
        "startDate": session.starts_iso,
        "endDate": session.ends_iso,
        "eventStatus": _status(session),
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "description": plain_text(session.abstract),
        "location": place(session.room.venue, session.room) if session.room else place(forum.venue),
        "performer": [
            person(p.speaker, absolute, p.affiliation) for p in session.visible_participants
        ],
        "about": [str(topic) for topic in session.topic_list],
        "superEvent": _event_summary(forum, absolute),
    }
    return _prune(data)


def forum_event(forum, sessions, absolute):
    """Needs `localize` to have run on each session."""
    data = {
        "@context": "https://schema.org",
        **_event_summary(forum, absolute),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "description": plain_text(forum.description),
        "location": place(forum.venue),
        "subEvent": [
            _prune(
                {
                    "@type": "Event",
                    "name": str(session),
                    "url": absolute(session.url),
                    "startDate": session.starts_iso,
                    "endDate": session.ends_iso,
                    "eventStatus": _status(session),
                }
            )
            for session in sessions
        ],
    }
    return _prune(data)


def speaker_person(speaker, current_affiliations, absolute, bio=""):
    data = person(speaker, absolute)
    data["@context"] = "https://schema.org"
    if bio:
        data["description"] = plain_text(bio)
    if current_affiliations:
        first = current_affiliations[0]
        data["jobTitle"] = first.title_text
        data["affiliation"] = [
            {"@type": "Organization", "name": str(a.organization)} for a in current_affiliations
        ]
    return data


def quotation(quote, absolute):
    forum = quote.forum
    if quote.session:
        recorded_in = {
            "@type": "Event",
            "name": str(quote.session),
            "url": absolute(quote.session_url),
            "superEvent": _event_summary(forum, absolute),
        }
    else:
        recorded_in = _event_summary(forum, absolute)
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "text": quote.text,
        "url": absolute(quote.get_absolute_url()),
        "inLanguage": quote.language,
        "dateCreated": quote.said_on.isoformat(),
        "creator": person(quote.speaker, absolute, quote.speaker.affiliation_on(quote.said_on)),
        "recordedIn": _prune(recorded_in),
    }
    if quote.source:
        data["isBasedOn"] = _prune(
            {
                "@type": "CreativeWork",
                "name": quote.source.title or quote.source.publication,
                "url": quote.source.url,
                "author": quote.source.author,
                "publisher": {"@type": "Organization", "name": quote.source.publication},
                "datePublished": quote.source.published_on.isoformat()
                if quote.source.published_on
                else "",
            }
        )
    return _prune(data)
