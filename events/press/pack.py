"""The press pack: one ZIP for a forum or a session.

    README.txt      what is inside, and any embargo
    quotes.csv      the quotes, as the press room's CSV export
    quotes.md       the same quotes as Markdown citations
    speakers.md     bios with the title held on the day, photo file and credit
    photos/         published speakers' photos
    agenda.md       the sessions the reader may see (a session pack: session.md)
    agenda.csv      forum packs only: the public agenda spreadsheet

Everything goes through the `citable_by` querysets: drafts and retracted quotes
never, embargoed ones only for press and organizers, speakers only if published.
"""

import io
import posixpath
import zipfile
from html import unescape

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from events.interop.agenda_csv import export_csv as public_agenda_csv
from events.models import EmbargoView, Session, SessionParticipant
from events.press import exports
from events.press.citations import markdown_escape
from events.press.labels import local_time
from events.press.seen import embargoed_quotes_seen
from events.querysets import speaker_visible_to
from speakers.models import Speaker


def forum_pack(*, user, forum, at, absolute):
    """(file name, ZIP bytes) for `forum`, which the caller took from Forum.citable_by."""
    sessions = _sessions(user, at).filter(forum=forum)
    quotes = _collect(user=user, params={"forum": forum.slug}, at=at, absolute=absolute)
    files = {
        "agenda.md": _agenda(forum, sessions, at),
        "agenda.csv": public_agenda_csv(forum),
    }
    return f"{forum.slug}-press-pack.zip", _zip(forum, str(forum), quotes, sessions, files, at)


def session_pack(*, user, session, at, absolute):
    """(file name, ZIP bytes) for `session`, which the caller took from Session.citable_by."""
    forum = session.forum
    sessions = _sessions(user, at).filter(pk=session.pk)
    params = {"session": str(session.guid)}
    quotes = _collect(user=user, params=params, at=at, absolute=absolute)
    files = {"session.md": _agenda(forum, sessions, at)}
    name = f"{forum.slug}-{session.slug}-press-pack.zip"
    return name, _zip(forum, f"{forum}: {session}", quotes, sessions, files, at)


def _collect(*, user, params, at, absolute):
    """The pack's quotes, as the press room exports them; embargoed ones are noted as seen."""
    export = exports.collect(user=user, params=params, at=at, absolute=absolute)
    surface = EmbargoView.Surface.PACK
    embargoed_quotes_seen(user=user, quotes=export.quotes, at=at, surface=surface)
    return export


def _sessions(user, at):
    participants = (
        SessionParticipant.objects.filter(speaker_visible_to(AnonymousUser()))
        .select_related("speaker")
        .order_by("order", "pk")
    )
    return (
        Session.objects.citable_by(user, at)
        .select_related("forum", "room")
        .prefetch_related(
            "translations",
            "room__translations",
            Prefetch("participants", queryset=participants, to_attr="pack_participants"),
        )
        .order_by("starts_at", "pk")
    )


def _speakers(sessions, quotes):
    quoted = [quote.speaker_id for quote in quotes]
    return (
        Speaker.objects.visible_to(AnonymousUser())
        .filter(Q(pk__in=quoted) | Q(session_participations__session__in=sessions))
        .distinct()
        .prefetch_related(
            "translations", "affiliations__translations", "affiliations__organization__translations"
        )
        .order_by("name")
    )


def _zip(forum, title, export, sessions, files, at):
    speakers = list(_speakers(sessions, export.quotes))
    photos = _photos(speakers)
    files = {
        "README.txt": _readme(title, export, at),
        "quotes.csv": exports.to_csv(export),
        "quotes.md": exports.to_markdown(export, title),
        "speakers.md": _speakers_md(speakers, photos, forum.start_date),
        **files,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8"))
        for name, content in photos.values():
            archive.writestr(name, content)
    return buffer.getvalue()


def _readme(title, export, at):
    lines = [
        title,
        "",
        _("Press pack generated %(time)s UTC.") % {"time": at.strftime("%Y-%m-%d %H:%M")},
        _("%(count)d quotes in quotes.csv and quotes.md (at most %(limit)d).")
        % {"count": len(export.quotes), "limit": exports.EXPORT_LIMIT},
        _("speakers.md holds the speakers' bios; their photos are in photos/, credited there."),
    ]
    embargoed = [quote.embargo_label for quote in export.quotes if quote.embargo_label]
    if embargoed:
        lines += [
            "",
            _(
                "This pack contains %(count)d embargoed quotes. Do not publish a quote "
                "labelled EMBARGOED before its time."
            )
            % {"count": len(embargoed)},
        ]
    return "\n".join(lines) + "\n"


def _photos(speakers):
    """{speaker pk: (path in the ZIP, bytes)}; a photo missing from storage is left out."""
    photos = {}
    for speaker in speakers:
        if not speaker.photo:
            continue
        extension = posixpath.splitext(speaker.photo.name)[1].lower()
        try:
            with speaker.photo.open("rb") as photo:
                photos[speaker.pk] = (f"photos/{speaker.slug}{extension}", photo.read())
        except OSError:
            continue
    return photos


def _text(html):
    """Rich text as Markdown text: tags dropped, entities decoded, then Markdown-escaped,
    so a "<script>" typed in a bio stays text in any Markdown renderer, as in quotes.md."""
    return _md(unescape(strip_tags((html or "").replace("</p>", "</p>\n\n"))).strip())


def _md(text):
    return markdown_escape(str(text))


def _speakers_md(speakers, photos, day):
    """Bios, with the title each speaker held on `day` (the forum's first)."""
    lines = [f"# {_('Speakers')}", ""]
    for speaker in speakers:
        affiliation = speaker.affiliation_on(day)
        lines.append(f"## {_md(speaker.name)}")
        if speaker.name_native:
            lines.append(_md(speaker.name_native))
        if affiliation:
            lines.append(f"{_md(affiliation.title_text)}, {_md(affiliation.organization)}")
        lines += ["", _text(speaker.safe_translation_getter("bio", any_language=True)), ""]
        if speaker.pk in photos:
            credit = _md(speaker.photo_credit) if speaker.photo_credit else _("not recorded")
            lines += [
                _("Photo: %(file)s. Credit: %(credit)s.")
                % {"file": photos[speaker.pk][0], "credit": credit},
                "",
            ]
    return "\n".join(lines)


def _session_lines(session, forum, at):
    starts = session.starts_at.astimezone(forum.tzinfo)
    ends = session.ends_at.astimezone(forum.tzinfo)
    head = f"## {starts:%Y-%m-%d %H:%M}–{ends:%H:%M} {_md(session)}"
    room = f", {_md(session.room)}" if session.room else ""
    lines = [head, f"{session.get_kind_display()}{room}"]
    if session.is_cancelled:
        lines.append(_("Cancelled."))
    if session.embargo_until and session.embargo_until > at:
        lines.append(
            _("EMBARGOED until %(time)s") % {"time": local_time(session.embargo_until, forum)}
        )
    for participant in session.pack_participants:
        lines.append(f"- {_md(participant.speaker.name)} ({participant.get_role_display()})")
    abstract = _text(session.safe_translation_getter("abstract", any_language=True))
    return [*lines, "", abstract, ""] if abstract else [*lines, ""]


def _agenda(forum, sessions, at):
    zone = _("Times in %(zone)s.") % {"zone": forum.time_zone}
    dates = f"{forum.start_date:%Y-%m-%d} – {forum.end_date:%Y-%m-%d}"
    lines = [f"# {_md(forum)}", f"{dates}. {zone}", ""]
    for session in sessions:
        lines += _session_lines(session, forum, at)
    return "\n".join(lines)
