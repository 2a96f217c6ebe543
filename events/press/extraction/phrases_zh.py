"""Who a Chinese phrase before a verb of saying names.

"中国汽车流通研究会副秘书长陈立平在主旨演讲中" is 陈立平, 副秘书长 of 中国汽车流通研究会;
"他" is a pronoun; "一位不愿具名的…负责人" someone unnamed.
"""

import re

from events.press.extraction import lexicon
from events.press.extraction.phrases import NAME, OTHER, PRONOUN, TITLE, UNNAMED, Mention

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")

ZH_ADVERBIAL = re.compile(
    r"(?:(?:在|于|於|出席|接受|参加|參加)[^，。]{0,20}?(?:时|時|上|中|期间|期間)?"
    r"|(?:对|對|向|跟|和|告诉|告訴)(?:记者|記者|媒体|媒體|本报|本報))$"
)
# Words between a name and its verb: "他又指出", "他举例说", "黃詠詩則認為".
ZH_FILLER = re.compile(
    r"(?:则|則|又|还|還|也|亦|更|并|並|再|同时|同時|进一步|進一步|举例|舉例|随后|隨後|接着"
    r"|接著|最后|最後)$"
)
# When, between a name and its verb: "黃志明昨日在記者會上表示".
ZH_WHEN = re.compile(
    r"(?:昨日|昨天|今日|今天|日前|近日|当天|當天|当日|當日|早前|稍后|稍後|上午|下午|晚上"
    r"|(?:周|週|星期)[一二三四五六日天])$"
)


def zh_subject(phrase):
    """The Mention in the Chinese words before a verb: "副秘书长陈立平在主旨演讲中"."""
    phrase = phrase.strip().split("，")[-1].split("。")[-1].strip()
    for _ in range(3):  # "则在会上", "昨日在記者會上": a few of these, in any order
        phrase = ZH_WHEN.sub("", ZH_FILLER.sub("", ZH_ADVERBIAL.sub("", phrase))).strip()
    if not phrase or not HAN.search(phrase):
        return None
    if phrase in lexicon.ZH_PRONOUNS:
        return Mention(PRONOUN)
    if phrase.startswith(lexicon.ZH_UNNAMED_START) or phrase.endswith(lexicon.ZH_UNNAMED_END):
        return Mention(UNNAMED)
    title, cut = _zh_last_title(phrase)
    name = phrase[cut:] if title else phrase
    if 2 <= len(name) <= 4 and name[0] in lexicon.ZH_SURNAMES and _all_han(name):
        organization = phrase[: cut - len(title)] if title else ""
        return Mention(NAME, name=name, title=title, organization=organization)
    if title and not name:
        return Mention(TITLE, title=title)
    return _name_at_the_end(phrase)


def _name_at_the_end(phrase):
    """ "国家信息中心首席信息师张新红": a title not in the list, then a name of two or
    three characters that starts with a surname."""
    for length in (3, 2):
        name = phrase[-length:]
        if len(phrase) > length and name[0] in lexicon.ZH_SURNAMES and _all_han(name):
            return Mention(NAME, name=name)
    return Mention(OTHER)


def _zh_last_title(phrase):
    """(title, offset after it) of the title word ending furthest right in `phrase`."""
    best, best_end = "", -1
    for title in lexicon.ZH_TITLES:
        position = phrase.rfind(title)
        if position >= 0 and (position + len(title) > best_end):
            best, best_end = title, position + len(title)
    return best, best_end


def _all_han(text):
    return all(HAN.match(c) for c in text)
