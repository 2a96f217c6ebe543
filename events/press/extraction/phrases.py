"""Who a phrase names: the words before a verb of saying (`subject`, "Luo Junjie, executive
vice president of the China Machinery Industry Federation,") or after one (`inverted`,
"said Xu Haidong, deputy chief engineer of ..."), read as a Mention: a full name with the
title and organization of its apposition, a surname, a pronoun, a title ("the
researcher"), someone unnamed ("an official who asked not to be named") or no person
("the company"). attribution.Speakers decides whom each stands for at its place.
"""

import re
from dataclasses import dataclass

from events.press.extraction import lexicon

NAME = "name"  # a full name: "Xu Haidong"
SURNAME = "surname"  # one word of a name: "Keller", "de Vries"
PRONOUN = "pronoun"
TITLE = "title"  # "the researcher", "the minister"
UNNAMED = "unnamed"  # "an official", "analysts": a person the article does not name
OTHER = "other"  # "the company", "the report": not a person


@dataclass(frozen=True)
class Mention:
    kind: str
    name: str = ""
    title: str = ""
    organization: str = ""


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
