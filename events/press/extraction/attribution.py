"""Who a phrase names, and who "he", "Keller" or "the researcher" is at that point.

`subject(phrase)` reads the words before a verb of saying ("Luo Junjie, executive vice
president of the China Machinery Industry Federation,"), `inverted(phrase)` the words
after one ("said Xu Haidong, deputy chief engineer of ..."). Both give a Mention.
`Speakers` follows an article from start to end and turns mentions into SpeakerGuess
objects: a full name (with the title and organization of its apposition), a surname or a
title (the speaker last named who has them), a pronoun (the speaker last named), or None
for someone the article does not name ("an official who asked not to be named").
"""

import re
from bisect import bisect_left
from collections import deque
from dataclasses import dataclass

from events.press.extraction import lexicon
from events.press.extraction.candidates import SpeakerGuess

NAME = "name"  # a full name: "Xu Haidong"
SURNAME = "surname"  # one word of a name: "Keller", "de Vries"
PRONOUN = "pronoun"
TITLE = "title"  # "the researcher", "the minister"
UNNAMED = "unnamed"  # "an official", "analysts": a person the article does not name
OTHER = "other"  # "the company", "the report": not a person

PERSON_KINDS = frozenset({NAME, SURNAME, PRONOUN, TITLE, UNNAMED})
RECENT = 40
# "The CFO said" finds "Daniel Price, Chief Financial Officer".
TITLE_ABBREVIATIONS = {
    "ceo": "chief executive",
    "cfo": "chief financial",
    "coo": "chief operating",
    "cto": "chief technology",
}


@dataclass(frozen=True)
class Mention:
    kind: str
    name: str = ""
    title: str = ""
    organization: str = ""


HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
CUT = re.compile(r"\s(?:who|which|whose|where|responsible|based|speaking)\s.*$", re.S)
CONNECTOR = re.compile(r"\s(?:of|at|with|for|from)\s", re.I)
APOSTROPHE_S = re.compile(r"['’]s$")
AGE = re.compile(r"^\d{1,3}$")
# Words that may stand between a subject and its verb: "Keller has also said".
AUXILIARIES = lexicon.words(
    "has had have also later then again further once recently previously repeatedly "
    "herself himself themselves itself however too meanwhile"
)
RELATIVES = lexicon.words("who whose which")
CONJUNCTIONS = lexicon.words("and but while yet so although though whereas")
DETERMINERS = lexicon.words("the this that its his her their our")
INDEFINITES = lexicon.words("a an one some two three several many another")


def is_capitalized(word):
    return word[:1].isupper()


def bare(word):
    return word.strip(".,;:()[]\"'“”‘’").lower()


# --- English phrases ---------------------------------------------------------------------


def subject(phrase):
    """The Mention in the words before a verb of saying, or None when they are not a
    speaker ("The company's shares rose and"): the speaker block is the last comma-separated
    segments that are a name, a pronoun, a title or an apposition."""
    block = subject_block(phrase)
    return _mention(block) if block else None


def _role_before_a_name(segment):
    words = segment.split()
    return bool(words) and words[0].lower() in DETERMINERS and shape(segment) == "someone"


def whole_subject(phrase):
    """The Mention when all of `phrase` names the speaker ("Anna Keller, head of X,"),
    as after a quote, where nothing else may stand before the verb."""
    block = subject_block(phrase)
    segments = [s for s in phrase.split(",") if s.strip()]
    return _mention(block) if block and len(block) == len(segments) else None


def subject_block(phrase):
    """The trailing segments of `phrase` that name the speaker, or [] if they do not."""
    segments = [s.strip() for s in phrase.split(",")]
    while segments and not segments[-1]:
        segments.pop()
    if not segments:
        return []
    last = _without_auxiliaries(segments[-1])
    if not last:
        return []
    segments[-1] = last
    block = []
    for index in range(len(segments) - 1, -1, -1):
        form = shape(segments[index])
        if form is None:
            break
        block.insert(0, segments[index])
        if form == "someone" and index and shape(segments[index - 1]) == "name":
            block.insert(0, segments[index - 1])  # "Markus Brandt, an analyst at ..."
            break
        if form != "apposition":
            if form == "name" and index and _role_before_a_name(segments[index - 1]):
                block.insert(0, segments[index - 1])  # "Its founder, Fang Yuting,"
            break  # the speaker itself; what stands before it is context
    if not block or all(shape(s) == "apposition" for s in block):
        # Only an apposition ("executive vice president of X"): it is the subject itself
        # when it is the whole phrase ("The minister"), else it belongs to no one here.
        return block if len(block) == len(segments) else []
    return block


def context_before(phrase):
    """What `phrase` says before its speaker block (the statement, in "X, Keller said")."""
    block = subject_block(phrase)
    if not block:
        return phrase
    cut = phrase.rstrip().rstrip(",").rstrip()
    for segment in reversed(block):
        cut = cut[: cut.rfind(segment)].rstrip().rstrip(",").rstrip()
    return cut


def inverted(phrase):
    """The Mention after a verb: "said Xu Haidong, deputy chief engineer of ..."."""
    segments = [s.strip() for s in phrase.split(",") if s.strip()]
    if not segments or shape(segments[0]) is None:
        return None
    return _mention(segments[:2] if len(segments) > 1 else segments)


def _without_auxiliaries(segment):
    words = segment.split()
    while words and words[-1].lower() in AUXILIARIES:
        words.pop()
    while words and words[0].lower() in CONJUNCTIONS:
        words.pop(0)
    return " ".join(words)


def shape(segment):
    """'name', 'pronoun', 'someone' (a role: "the researcher", "an official"),
    'apposition' (a role or an age after a name), or None."""
    words = _without_auxiliaries(segment).split()
    if not words:
        return None
    if len(words) == 1 and words[0] in lexicon.PRONOUNS:
        return "pronoun"
    if _name_in(segment):
        return "name"
    if AGE.match(words[0]) and len(words) == 1:
        return "apposition"
    if words[0].lower() in RELATIVES:
        return "apposition"  # "Keller, who took over in 2020, said"
    head = _head(segment).split()
    roles = [w for w in head if lexicon.is_role(bare(w))]
    if not roles:
        return None
    first = words[0].lower()
    if first in INDEFINITES or bare(head[-1]) in lexicon.GROUP_WORDS:
        return "someone"  # unnamed: "an official", "analysts"
    if first in DETERMINERS and len(head) <= 4 and not _possessive_of_someone(head):
        return "someone"  # "the researcher", "the company's chief executive"
    return "apposition"


def _possessive_of_someone(words):
    return any(APOSTROPHE_S.search(w) for w in words[1:-1])


def _head(segment):
    """The segment up to a relative clause or the connector before an organization."""
    segment = CUT.sub("", " " + segment + " ").strip()
    match = CONNECTOR.search(segment)
    return segment[: match.start()] if match else segment


def _name_in(segment):
    """(pre-title words, name words) when the segment's head ends in a person's name."""
    words = _head(_without_auxiliaries(segment)).split()
    run = []
    while words and (is_capitalized(words[-1]) or _particle_inside(words, run)):
        run.insert(0, words.pop())
    while run and (run[0] in lexicon.FUNCTION_WORDS or run[0] in lexicon.HONORIFICS):
        if run[0] in lexicon.HONORIFICS:
            words.append(run[0])
        run.pop(0)
    if run and run[0].lower() in lexicon.NAME_PARTICLES and words:
        words.append(run.pop(0))  # "the de" is not part of a name
    run = _after_last_title(run, words)
    if not run or len(run) > 4 or not looks_like_a_name(run):
        return None
    if words and not _pre_title(words):
        return None
    return words, run


def _particle_inside(words, run):
    return bool(run) and words[-1].lower() in lexicon.NAME_PARTICLES


def _after_last_title(run, words):
    """ "BYD Chairman Wang Chuanfu": the name is what follows the last title word."""
    for index in range(len(run) - 1, -1, -1):
        if lexicon.is_role(bare(run[index])):
            words.extend(run[: index + 1])
            return run[index + 1 :]
    return run


def looks_like_a_name(run):
    plain = [bare(w) for w in run]
    if any(w in lexicon.ORGANIZATION_WORDS or lexicon.is_role(w) for w in plain):
        return False
    if any(not w or w[0].isdigit() for w in plain):
        return False
    if any(w in lexicon.PRONOUNS for w in run):
        return False
    if len(run) == 1 and (run[0] in lexicon.FUNCTION_WORDS or run[0].isupper()):
        return False  # "The", or an acronym such as "CAAM"
    return not APOSTROPHE_S.search(run[-1])


def _pre_title(words):
    """Whether the words before a name may be its title: "chief executive", "Dr."."""
    return any(lexicon.is_role(bare(w)) or w in lexicon.HONORIFICS for w in words)


def _mention(block):
    """A Mention from a speaker block: the speaker segment and its apposition."""
    for index, segment in enumerate(block):
        found = _name_in(segment)
        if found:
            pre, run = found
            apposition = block[index + 1] if index + 1 < len(block) else ""
            return _named(segment, pre, run, apposition, block[:index])
    speaking = [s for s in block if shape(s) not in (None, "apposition")] or block
    segment = _without_auxiliaries(speaking[-1])
    words = segment.split()
    if len(words) == 1 and words[0] in lexicon.PRONOUNS:
        return Mention(PRONOUN)
    head = _head(segment).split()
    if not head:
        return Mention(OTHER)
    if words[0].lower() in INDEFINITES or bare(head[-1]) in lexicon.GROUP_WORDS:
        return Mention(UNNAMED, title=" ".join(head[1:]))
    roles = [bare(w) for w in head if lexicon.is_role(bare(w))]
    if roles:
        return Mention(TITLE, title=roles[-1])
    return Mention(OTHER)


def _named(segment, pre, run, apposition, before):
    name = " ".join(w.strip('.,;:()"“”') for w in run)
    kind = NAME if len(run) > 1 and run[0].lower() not in lexicon.NAME_PARTICLES else SURNAME
    title, organization = title_and_organization(apposition)
    if not title:
        title, organization = _pre_title_and_organization(pre)
    if not title and before:
        title, organization = title_and_organization(before[-1])
    if not organization:
        organization = _organization_after(segment)
    return Mention(kind, name=name, title=title, organization=organization)


def _pre_title_and_organization(pre):
    """("Chairman", "BYD") from the words before a name: "BYD Chairman Wang Chuanfu"."""
    words = [w for w in pre if w not in lexicon.HONORIFICS]
    cut = len(words)
    while cut and (words[cut - 1].islower() or lexicon.is_role(bare(words[cut - 1]))):
        cut -= 1
    title, rest = " ".join(words[cut:]), words[:cut]
    named = bool(rest) and (
        rest[-1].isupper() or any(bare(w) in lexicon.ORGANIZATION_WORDS for w in rest)
    )
    return title, " ".join(rest) if named else ""


def title_and_organization(apposition):
    """("deputy chief engineer", "China Association of ...") from an apposition."""
    text = CUT.sub("", " " + apposition + " ").strip()
    words = text.split()
    if not words or AGE.match(words[0]):
        return "", ""
    if words[0].lower() in INDEFINITES | DETERMINERS:
        words = words[1:]
    text = " ".join(words)
    for match in CONNECTOR.finditer(text):
        organization = _capitalized_run(text[match.end() :])
        if organization:
            return text[: match.start()].strip(), organization
    return text, ""


def _organization_after(segment):
    match = CONNECTOR.search(segment)
    return _capitalized_run(segment[match.end() :]) if match else ""


def _capitalized_run(text):
    """ "the China Association of Automobile Manufacturers in ..." -> "China ... Manufacturers"."""
    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    run = []
    for word in words:
        if is_capitalized(word) or (run and word.lower() in {"of", "and", "for", "&"}):
            run.append(word)
        else:
            break
    while run and not is_capitalized(run[-1]):
        run.pop()
    return " ".join(run).strip(".,;:")


# --- Chinese phrases ---------------------------------------------------------------------

ZH_ADVERBIAL = re.compile(
    r"(?:(?:在|于|於|出席|接受|参加|參加)[^，。]{0,20}?(?:时|時|上|中|期间|期間)?"
    r"|(?:对|對|向|跟|和|告诉|告訴)(?:记者|記者|媒体|媒體|本报|本報))$"
)
ZH_ADVERBS = "则則又还還也亦更并並再同时同時进一步進一步"
# When, between a name and its verb: "黃志明昨日在記者會上表示".
ZH_WHEN = re.compile(
    r"(?:昨日|昨天|今日|今天|日前|近日|当天|當天|当日|當日|早前|稍后|稍後|上午|下午|晚上"
    r"|(?:周|週|星期)[一二三四五六日天])$"
)


def zh_subject(phrase):
    """The Mention in the Chinese words before a verb: "副秘书长陈立平在主旨演讲中"."""
    phrase = phrase.strip().split("，")[-1].split("。")[-1].strip()
    for _ in range(3):  # "则在会上", "昨日在記者會上": a few of these, in any order
        phrase = ZH_WHEN.sub("", ZH_ADVERBIAL.sub("", phrase).rstrip(ZH_ADVERBS)).strip()
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


# --- Following an article ------------------------------------------------------------------


class NameIndex:
    """Every capitalized run of two or three words in the article, by its first and last
    word: "When Lin Mei took over" lets a later "Lin, 41," be Lin Mei."""

    def __init__(self, runs):
        self.by_word = {}
        for position, name_words in runs:
            for word in {name_words[0], name_words[-1]}:
                self.by_word.setdefault(word, []).append((position, " ".join(name_words)))

        self.all = sorted((position, " ".join(name_words)) for position, name_words in runs)

    def before(self, word, position):
        found = self.by_word.get(word, [])
        index = bisect_left(found, (position,))
        return found[index - 1][1] if index else None

    def latest_before(self, position):
        index = bisect_left(self.all, (position,))
        return self.all[index - 1][1] if index else None


@dataclass
class _Known:
    guess: SpeakerGuess
    words: tuple


class Speakers:
    """The speakers named so far, and the one in focus (named last, or unnamed)."""

    def __init__(self, name_index=None):
        self.name_index = name_index or NameIndex([])
        self.known = {}  # name -> _Known
        self.by_word = {}  # first or last word of a name -> the _Known named so latest
        # _Known, or the title of someone unnamed, the latest last; "the minister" looks
        # back this far.
        self.recent = deque(maxlen=RECENT)
        self.last = None  # _Known in focus, None after someone unnamed spoke
        self.last_named = None
        self.unnamed_in_focus = False

    def resolve(self, mention, position=0):
        """(SpeakerGuess or None, is_a_person) for `mention` at `position`."""
        if mention is None or mention.kind == OTHER:
            return None, False
        if mention.kind == NAME:
            return self.introduce(mention), True
        if mention.kind == SURNAME:
            known = self.by_surname(mention.name, position)
            return (self._focus(known), True) if known else (None, False)
        if mention.kind == PRONOUN:
            if self.last is None and not self.unnamed_in_focus:
                return self._nearest_full_name(position), True
            return (self.last.guess if self.last else None), True
        if mention.kind == TITLE:
            return self._by_title(mention.title), True
        self.last, self.unnamed_in_focus = None, True
        self.recent.append(mention.title)
        return None, True

    def _nearest_full_name(self, position):
        """For "she said" before anyone was named as a speaker: the last full name the
        article gave before it ("That is how Clara Weiss sums up ..."), if any."""
        name = self.name_index.latest_before(position)
        if name is None:
            return None
        return self._focus(self.known.get(name) or self._remember(SpeakerGuess(name)))

    def introduce(self, mention):
        """Remember a named speaker (merging what is known of them); they are now in focus."""
        known = self.known.get(mention.name)
        if known is None:
            guess = SpeakerGuess(mention.name, mention.title, mention.organization)
            known = self._remember(guess)
        else:
            old = known.guess
            known.guess = SpeakerGuess(
                old.name, old.title or mention.title, old.organization or mention.organization
            )
        return self._focus(known)

    def by_surname(self, surname, position):
        """The known speaker a surname (or "de Vries") stands for, the latest named first;
        else someone the article names in full earlier; else None."""
        words = tuple(surname.split())
        for word in (words[-1], words[0]):
            known = self.by_word.get(word)
            if known and _has_part(known.words, words):
                return known
        full = self.name_index.before(words[-1], position)
        if full and full != surname:
            return self.known.get(full) or self._remember(SpeakerGuess(full))
        return None

    def _remember(self, guess):
        known = self.known[guess.name] = _Known(guess, tuple(guess.name.split()))
        return known

    def mentioned(self, word, position):
        """A known speaker named again outside an attribution ("Okoye is modest") is now
        the one in focus."""
        known = self.by_word.get(word)
        if known:
            self._focus(known)

    def _focus(self, known):
        self.last = self.last_named = known
        self.unnamed_in_focus = False
        self.recent.append(known)
        self.by_word[known.words[0]] = self.by_word[known.words[-1]] = known
        return known.guess

    def _by_title(self, title):
        wanted = {title, TITLE_ABBREVIATIONS.get(title, title)} - {""}
        for recent in reversed(self.recent):
            held = (recent.guess.title if isinstance(recent, _Known) else recent or "").lower()
            if any(w in held for w in wanted):
                return recent.guess if isinstance(recent, _Known) else None
        return self.last_named.guess if self.last_named else None

    def current(self, guess):
        """`guess` with all the article says of its speaker (title, organization)."""
        if guess is None:
            return None
        known = self.known.get(guess.name)
        return known.guess if known else guess


def _has_part(name_words, words):
    return name_words[-len(words) :] == words or name_words[: len(words)] == words
