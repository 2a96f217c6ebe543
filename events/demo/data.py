"""The 2023 China Auto Forum, as the demo forum.

Facts come from the press article in china-auto-forum-2023.txt (copied from the project's
shared reference material) and its annotated quotes in china-auto-forum-2023.json: the
dates, Jiading District, the two panel topics, the two speakers with their titles and
organizations, the author and date of the article, and the quotes.

Everything else is illustrative and the forum's description says so: the venue and room
names, the session times and titles, and who speaks or moderates in which session. The
article names no publication, so the source's publication is recorded as unknown. Speakers'
names in Chinese characters are left empty: no source gives them, and a romanized name
cannot be turned back into characters reliably.
"""

import datetime as dt

ARTICLE_FILE = "china-auto-forum-2023.txt"
QUOTES_FILE = "china-auto-forum-2023.json"

FORUM = {
    "slug": "china-auto-forum-2023",
    "start_date": dt.date(2023, 7, 6),
    "end_date": dt.date(2023, 7, 7),
    "time_zone": "Asia/Shanghai",
    "status": "published",
    "translated": {
        "name": {"en": "2023 China Auto Forum", "zh-hans": "2023中国汽车论坛"},
        "description": {
            "en": (
                "<p>The 2023 China Auto Forum was held in Jiading District, Shanghai, on "
                "July 6-7, 2023. Officials, industry experts and leaders made themed speeches "
                "and held panel discussions on topics including “Chinese auto enterprises "
                "going abroad” and “high-level opening up”.</p>"
                "<p><strong>Illustrative agenda.</strong> The source article gives the dates, "
                "the place, the two panel topics and two speakers with their titles. The venue "
                "and room names, the session times and titles, and who speaks or moderates in "
                "which session are illustrative, made up for this demo.</p>"
            ),
            "zh-hans": (
                "<p>2023中国汽车论坛于2023年7月6日至7日在上海市嘉定区举行。与会官员、行业专家"
                "和企业领导发表主题演讲，并围绕“中国汽车企业出海”“高水平对外开放”等议题"
                "开展圆桌讨论。</p>"
                "<p><strong>示例议程。</strong>来源文章给出了日期、地点、两个讨论议题以及两位"
                "演讲嘉宾及其职务。场馆和会议室名称、各场次的时间和标题，以及谁在哪一场次"
                "演讲或主持，均为本演示编写的示例内容。</p>"
            ),
        },
    },
}

VENUE = {
    "translated": {
        "name": {"en": "Jiading forum venue (illustrative)", "zh-hans": "嘉定论坛会场（示例）"},
        "district": {"en": "Jiading District", "zh-hans": "嘉定区"},
        "city": {"en": "Shanghai", "zh-hans": "上海"},
        "country": {"en": "China", "zh-hans": "中国"},
    }
}
# (names by language, capacity); sessions name their room in English.
ROOMS = [
    ({"en": "Main Hall", "zh-hans": "主会场"}, 600),
    ({"en": "Panel Hall", "zh-hans": "分会场"}, 200),
]

ORGANIZATIONS = [
    {
        "slug": "china-machinery-industry-federation",
        "short_name": "",
        "translated": {
            "name": {"en": "China Machinery Industry Federation", "zh-hans": "中国机械工业联合会"}
        },
    },
    {
        "slug": "caam",
        "short_name": "CAAM",
        "translated": {
            "name": {
                "en": "China Association of Automobile Manufacturers",
                "zh-hans": "中国汽车工业协会",
            }
        },
    },
]

SPEAKERS = [
    {
        "slug": "luo-junjie",
        "name": "Luo Junjie",
        "organization": "china-machinery-industry-federation",
        "title": {"en": "executive vice president", "zh-hans": "常务副会长"},
    },
    {
        "slug": "xu-haidong",
        "name": "Xu Haidong",
        "organization": "caam",
        "title": {"en": "deputy chief engineer", "zh-hans": "副总工程师"},
    },
]

GOING_ABROAD = "chinese-auto-enterprises-going-abroad"
OPENING_UP = "high-level-opening-up"
TOPICS = [
    {
        "slug": GOING_ABROAD,
        "translated": {
            "title": {"en": "Chinese auto enterprises going abroad", "zh-hans": "中国汽车企业出海"}
        },
    },
    {
        "slug": OPENING_UP,
        "translated": {"title": {"en": "High-level opening up", "zh-hans": "高水平对外开放"}},
    },
]

# Author and date come from the annotated quotes file; the article names no publication.
SOURCE = {"publication": "Publication unknown", "title": "", "url": "", "kind": "article"}


def _session(slug, kind, day, starts, ends, room, en, zh, **extra):
    return {
        "slug": slug,
        "kind": kind,
        "day": dt.date(2023, 7, day),
        "starts": dt.time.fromisoformat(starts),
        "ends": dt.time.fromisoformat(ends),
        "room": room,
        "translated": {"title": {"en": en, "zh-hans": zh}, **extra.pop("translated", {})},
        "topics": extra.pop("topics", []),
        "participants": extra.pop("participants", []),
    }


def _abstract(en, zh):
    return {"abstract": {"en": f"<p>{en}</p>", "zh-hans": f"<p>{zh}</p>"}}


SESSIONS = [
    _session("opening", "opening", 6, "09:00", "09:30", "Main Hall", "Opening ceremony", "开幕式"),
    _session(
        "keynote-china-machinery-industry-federation",
        "keynote",
        6,
        "09:30",
        "10:00",
        "Main Hall",
        "Keynote speech: China Machinery Industry Federation",
        "主旨演讲：中国机械工业联合会",
        participants=[("luo-junjie", "speaker")],
        translated=_abstract(
            "China's vehicle exports and the growing quality and competitiveness of "
            "China-made automobiles.",
            "中国汽车出口以及中国制造汽车不断提升的质量和竞争力。",
        ),
    ),
    _session(
        "keynote-caam",
        "keynote",
        6,
        "10:00",
        "10:30",
        "Main Hall",
        "Keynote speech: China Association of Automobile Manufacturers",
        "主旨演讲：中国汽车工业协会",
        participants=[("xu-haidong", "speaker")],
        translated=_abstract(
            "The outlook for China's automobile exports and Chinese cars in the global market.",
            "中国汽车出口前景以及中国汽车在全球市场的表现。",
        ),
    ),
    _session("tea-break-day-1", "break", 6, "10:30", "10:45", None, "Tea break", "茶歇"),
    _session(
        "panel-chinese-auto-enterprises-going-abroad",
        "panel",
        6,
        "10:45",
        "12:00",
        "Panel Hall",
        "Panel discussion: Chinese auto enterprises going abroad",
        "圆桌讨论：中国汽车企业出海",
        topics=[GOING_ABROAD],
        participants=[("luo-junjie", "moderator"), ("xu-haidong", "panelist")],
    ),
    _session("lunch-day-1", "break", 6, "12:00", "13:30", None, "Lunch break", "午餐"),
    _session(
        "panel-high-level-opening-up",
        "panel",
        7,
        "09:30",
        "11:00",
        "Panel Hall",
        "Panel discussion: High-level opening up",
        "圆桌讨论：高水平对外开放",
        topics=[OPENING_UP],
        participants=[("xu-haidong", "moderator"), ("luo-junjie", "panelist")],
    ),
    _session("tea-break-day-2", "break", 7, "11:00", "11:15", None, "Tea break", "茶歇"),
    _session("closing", "closing", 7, "11:15", "11:45", "Main Hall", "Closing ceremony", "闭幕式"),
]

# The article does not say in which session a quote was said: the demo places each in the
# speaker's keynote, which the quote's context says.
QUOTE_SAID_ON = dt.date(2023, 7, 6)
QUOTE_SESSIONS = {
    "luo-junjie": "keynote-china-machinery-industry-federation",
    "xu-haidong": "keynote-caam",
}
QUOTE_TOPICS = [GOING_ABROAD]
QUOTE_CONTEXT = (
    "Said at the 2023 China Auto Forum, as reported by the source article. The article names "
    "no session; the demo places the quote in the speaker's keynote."
)
