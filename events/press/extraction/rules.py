"""extract(text): every quote an article holds, attributed, each statement once.

Deterministic and offline. Each step is one pass over the text or over what an earlier
step found, with compiled patterns of bounded length, so the time grows linearly with
the article (tests/events/press/extraction/test_speed.py measures it).
"""

from bisect import bisect_right

from events.press.extraction import attribution, direct, names, reported
from events.press.extraction.candidates import Candidate
from events.press.extraction.marks import find_quoted
from events.press.extraction.text import paragraphs, token_f1, tokens

DUPLICATE_F1 = 0.8


def extract(text):
    """The candidates of `text` (as text.article_text returns it), in the article's order."""
    spans = paragraphs(text)
    quoted = find_quoted(text, spans)
    directs = direct.proposals(text, spans, quoted)
    covered = sorted(p.covers for p in directs)
    proposals = directs + reported.proposals(text, spans, covered)
    all_runs = names.runs(text, spans)
    speakers = attribution.Speakers(attribution.NameIndex(names.name_index_entries(all_runs)))
    outside = _outside_quotes(quoted)
    events = [e for e in names.events(text, all_runs) if outside(e.at)]
    candidates = _resolve(text, spans, proposals, events, speakers)
    return _without_duplicates(candidates, speakers)


def _outside_quotes(quoted):
    """A test of whether an offset lies outside every quoted passage."""
    opened = [q.opened for q in quoted]

    def outside(position):
        index = bisect_right(opened, position) - 1
        return index < 0 or quoted[index].closed < position

    return outside


def _resolve(text, spans, proposals, events, speakers):
    """Candidates with speakers, reading the mentions and proposals in the article's order."""
    ordered = sorted(
        [(e.at, 0, i, e) for i, e in enumerate(events)]
        + [(p.at, 1, i, p) for i, p in enumerate(proposals)]
    )
    starts = [p.start for p in spans]
    candidates = []
    for _at, is_proposal, _i, item in ordered:
        if not is_proposal:
            _note(speakers, item)
            continue
        candidate = _candidate(text, item, speakers, candidates, starts)
        if candidate is not None:
            candidates.append(candidate)
    return sorted(candidates, key=lambda c: c.start)


def _note(speakers, event):
    if event.mention is not None:
        speakers.resolve(event.mention, event.at)
    else:
        speakers.mentioned(event.word, event.at)


def _candidate(text, proposal, speakers, earlier, starts):
    if proposal.continue_:
        previous = _previous(earlier, proposal, starts)
        if previous is None:
            return None
        speaker = previous.speaker
    else:
        speaker, is_person = speakers.resolve(proposal.mention, proposal.at)
        if not is_person and proposal.kind == "reported":
            return None  # a company's or a report's statement is no one's quote
    words = " ".join(" ".join(text[p.start : p.end].split()) for p in proposal.parts)
    return Candidate(words, proposal.kind, speaker, proposal.start, proposal.end)


def _previous(earlier, proposal, starts):
    """The candidate a passage without attribution goes on from: in the paragraph before
    it (a paragraph of its own) or earlier in its paragraph (a sentence of its own)."""
    if not earlier:
        return None
    previous = earlier[-1]
    if previous.end > proposal.start:
        return None
    mine = bisect_right(starts, proposal.start) - 1
    theirs = bisect_right(starts, previous.end - 1) - 1
    wanted = mine - 1 if proposal.continue_ == "paragraph" else mine
    return previous if theirs == wanted else None


def _without_duplicates(candidates, speakers):
    """The first of each statement made twice by one speaker (as the seed's lead and body
    do), with all the article says of its speaker. Exact repeats are found by their
    words; near ones are compared only with the same speaker's, which keeps this linear
    in practice."""
    kept, seen, by_speaker = [], set(), {}
    for candidate in candidates:
        words = tokens(candidate.text)
        key = (candidate.kind, candidate.speaker_name, tuple(words))
        if key in seen:
            continue
        same_speaker = by_speaker.setdefault((candidate.kind, candidate.speaker_name), [])
        if any(token_f1(words, other) >= DUPLICATE_F1 for other in same_speaker):
            continue
        seen.add(key)
        same_speaker.append(words)
        kept.append(_with_speaker(candidate, speakers.current(candidate.speaker)))
    return kept


def _with_speaker(candidate, speaker):
    return Candidate(candidate.text, candidate.kind, speaker, candidate.start, candidate.end)
