"""A large, deterministic quote bank for the press room benchmark (bench/press.py).

100,000 quotes from 2,000 speakers across 20 forums, written with bulk_create
and indexed with one refresh_index() call, never one save() per row. Word
frequencies are planned so that each benchmark query hits a known share:
"hydrogen" about 0.5% of quotes, the phrase "battery swap" about 0.5%,
"market" about 60%.
"""

import datetime as dt
import random
import zoneinfo

from django.db import transaction

from common.text import with_han_bigrams
from events.models import Forum, PanelTopic, Quote, Session
from events.searchindex import refresh_index
from speakers.models import Affiliation, Organization, Speaker

FORUMS, SPEAKERS, QUOTES, ORGANIZATIONS = 20, 2_000, 100_000, 200
SESSIONS_PER_FORUM = 40
PREFIX = "bench-"
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
RARE_WORD, COMMON_WORD, PHRASE = "hydrogen", "market", ("battery", "swap")
FILLER = [
    "growth",
    "sales",
    "vehicle",
    "electric",
    "cars",
    "industry",
    "supply",
    "chain",
    "demand",
    "price",
    "policy",
    "export",
    "import",
    "domestic",
    "brand",
    "global",
    "platform",
    "software",
    "chip",
    "charging",
    "range",
    "autonomous",
    "driving",
    "safety",
    "cost",
    "profit",
    "investment",
    "factory",
    "capacity",
    "consumer",
    "quality",
    "technology",
    "standard",
    "partner",
    "emission",
    "carbon",
    "target",
    "year",
    "quarter",
    "forecast",
    "expect",
    "increase",
    "decline",
    "strategy",
    "overseas",
    "europe",
    "asia",
    "competition",
    "innovation",
    "research",
    "plan",
    "model",
    "design",
    "production",
]
CHINESE = [
    "汽车",
    "出口",
    "电动",
    "市场",
    "电池",
    "智能",
    "网联",
    "新能源",
    "产业",
    "发展",
    "芯片",
    "充电",
    "品牌",
    "全球",
    "供应链",
    "销量",
]


def seeded():
    return Quote.objects.filter(forum__slug__startswith=PREFIX).count() == QUOTES


def clear():
    with transaction.atomic():
        Quote.objects.filter(forum__slug__startswith=PREFIX).delete()
        Session.objects.filter(forum__slug__startswith=PREFIX).delete()
        Forum.objects.filter(slug__startswith=PREFIX).delete()
        Affiliation.objects.filter(speaker__slug__startswith=PREFIX).delete()
        Speaker.objects.filter(slug__startswith=PREFIX).delete()
        Organization.objects.filter(slug__startswith=PREFIX).delete()
        PanelTopic.objects.filter(slug__startswith=PREFIX).delete()


def _translated(model, rows, **fields_of):
    """bulk_create parler masters, then their English translations."""
    masters = model.objects.bulk_create(rows, batch_size=2_000)
    translation = model._parler_meta.root_model
    translation.objects.bulk_create(
        [
            translation(master=m, language_code="en", **{k: f(m) for k, f in fields_of.items()})
            for m in masters
        ],
        batch_size=2_000,
    )
    return masters


def _forums_and_sessions():
    forums = _translated(
        Forum,
        [
            Forum(
                slug=f"{PREFIX}forum-{i}",
                start_date=dt.date(2010 + i, 7, 6),
                end_date=dt.date(2010 + i, 7, 7),
                status=Forum.Status.PUBLISHED,
            )
            for i in range(FORUMS)
        ],
        name=lambda f: f"Auto Forum {f.start_date.year}",
    )
    sessions = []
    for forum in forums:
        for j in range(SESSIONS_PER_FORUM):
            starts = dt.datetime.combine(forum.start_date, dt.time(9), SHANGHAI)
            starts += dt.timedelta(hours=j % 8, days=j // 20)
            sessions.append(
                Session(
                    forum=forum,
                    slug=f"s-{j}",
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(minutes=50),
                    status=Session.Status.PUBLISHED,
                    allow_overlap=True,
                )
            )
    sessions = _translated(Session, sessions, title=_session_title)
    return forums, sessions


def _session_title(session):
    return f"Session {session.slug} of forum {session.forum_id}"


def _speakers():
    organizations = _translated(
        Organization,
        [Organization(slug=f"{PREFIX}org-{i}") for i in range(ORGANIZATIONS)],
        name=lambda o: f"Organization {o.slug}",
    )
    speakers = Speaker.objects.bulk_create(
        [
            Speaker(name=f"Speaker Number{i}", slug=f"{PREFIX}speaker-{i}", is_published=True)
            for i in range(SPEAKERS)
        ],
        batch_size=2_000,
    )
    _translated(
        Affiliation,
        [
            Affiliation(speaker=s, organization=organizations[i % ORGANIZATIONS])
            for i, s in enumerate(speakers)
        ],
        title=lambda a: "chief engineer",
    )
    return speakers


def _text(rng):
    words = rng.choices(FILLER, k=rng.randint(12, 30))
    if rng.random() < 0.6:
        words.insert(rng.randrange(len(words)), COMMON_WORD)
    if rng.random() < 0.005:
        words.insert(rng.randrange(len(words)), RARE_WORD)
    if rng.random() < 0.005:
        words[rng.randrange(len(words)) : 0] = list(PHRASE)
    elif rng.random() < 0.05:  # the words apart, so the phrase must check positions
        words.insert(0, PHRASE[0])
        words.append(PHRASE[1])
    return " ".join(words).capitalize() + "."


def _status(rng):
    roll = rng.random()
    if roll < 0.05:
        return Quote.Status.DRAFT, None
    if roll < 0.07:
        return Quote.Status.RETRACTED, None
    if roll < 0.10:
        return Quote.Status.VERIFIED, dt.datetime(2099, 1, 1, tzinfo=dt.UTC)
    return Quote.Status.VERIFIED, None


def _quotes(rng, speakers, sessions):
    quotes = []
    for i in range(QUOTES):
        speaker, session = speakers[i % SPEAKERS], sessions[rng.randrange(len(sessions))]
        text = _text(rng)
        original = "".join(rng.choices(CHINESE, k=8)) if rng.random() < 0.3 else ""
        status, embargo = _status(rng)
        parts = [text, original, speaker.name, _session_title(session)]
        quotes.append(
            Quote(
                text=text,
                original_text=original,
                original_language="zh" if original else "",
                speaker=speaker,
                session=session,
                forum_id=session.forum_id,
                said_on=session.starts_at.date(),
                kind=Quote.Kind.DIRECT if i % 4 else Quote.Kind.REPORTED,
                status=status,
                embargo_until=embargo,
                search_document=with_han_bigrams("\n".join(p for p in parts if p)),
            )
        )
    Quote.objects.bulk_create(quotes, batch_size=5_000)


def seed():
    rng = random.Random(20230706)
    with transaction.atomic():
        _, sessions = _forums_and_sessions()
        speakers = _speakers()
        _quotes(rng, speakers, sessions)
        refresh_index()
