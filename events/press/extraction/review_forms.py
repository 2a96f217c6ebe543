"""The forms of the "Extract quotes from an article" screens (review.py shows them).

ArticleForm takes the article (pasted, or a .txt/.html upload). ArticleReview holds the
second screen: the Source pre-filled from the text, the speakers to create, and one form
per candidate to accept, edit or reject. Nothing the browser sends is trusted beyond
form values: the candidates are extracted again from the staged text on every request,
and a speaker can only be one the screen offered.
"""

from dataclasses import asdict

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from events.models import Forum, Quote, Session, Source
from events.press.extraction.matching import (
    BY_NAME,
    BY_NATIVE_NAME,
    BY_SURNAME,
    ELSEWHERE,
    NEW,
    NewSpeaker,
    SpeakerMatcher,
)
from events.press.extraction.rules import extract
from events.press.extraction.services import AcceptedQuote
from events.press.extraction.source import article_language, source_details
from events.press.extraction.text import (
    MAX_ARTICLE_BYTES,
    ArticleRefused,
    article_text,
    tokens,
)

EXTENSIONS = (".txt", ".html", ".htm")
ACCEPT, REJECT = "accept", "reject"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
HOW_MATCHED = {
    BY_NAME: _("matched by name"),
    BY_NATIVE_NAME: _("matched by native-script name"),
    BY_SURNAME: _("matched by surname"),
    ELSEWHERE: _("matched by name, a speaker of another forum"),
    NEW: _("not yet a speaker: proposed as new"),
}


class ArticleForm(forms.Form):
    forum = forms.ModelChoiceField(
        label=_("Forum"),
        queryset=Forum.objects.prefetch_related("translations"),
        help_text=_("The forum the article reports on; its speakers are matched first."),
    )
    text = forms.CharField(
        label=_("Article text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 90}),
        help_text=_("Paste the article, or upload it below."),
    )
    file = forms.FileField(
        label=_("Or an article file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.html,.htm,text/plain,text/html"}),
        help_text=_("A .txt or .html file, at most 2 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        if not upload.name.lower().endswith(EXTENSIONS):
            raise ValidationError(_("Upload a .txt or .html file."))
        if upload.size > MAX_ARTICLE_BYTES:
            raise ValidationError(
                _("The file is %(size)s bytes; at most %(limit)s bytes can be read.")
                % {"size": f"{upload.size:,}", "limit": f"{MAX_ARTICLE_BYTES:,}"}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        pasted, upload = cleaned.get("text", ""), cleaned.get("file")
        if self.errors:
            return cleaned
        if bool(pasted.strip()) == bool(upload):
            raise ValidationError(_("Paste the article's text or upload a file, not both."))
        try:
            if upload:
                self.article = article_text(upload.read(), filename=upload.name)
            else:
                self.article = article_text(pasted)
        except ArticleRefused as refused:
            raise ValidationError(str(refused)) from refused
        if not self.article.strip():
            raise ValidationError(_("The article is empty."))
        return cleaned


def _https_by_default(field, **kwargs):
    # A bare "example.com" becomes https://, as in SourceAdmin (and Django 6).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SourceForm(forms.ModelForm):
    said_on = forms.DateField(
        label=_("Said on"),
        help_text=_(
            "Saved on the quotes without a session; those filed under a session are dated "
            "on its day. The speakers' titles on the date are shown."
        ),
    )
    language = forms.ChoiceField(label=_("Language of the quotes"), choices=LANGUAGES)
    publish_speakers = forms.BooleanField(
        label=_("Publish the new speakers"),
        required=False,
        initial=True,
        help_text=_("Quotes of unpublished speakers do not appear in the press room."),
    )

    class Meta:
        model = Source
        fields = ("publication", "title", "author", "url", "published_on", "kind")
        formfield_callback = _https_by_default


class CandidateForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))],
        initial=ACCEPT,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 60})
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Quote.Kind.choices)
    speaker = forms.ChoiceField(label=_("Speaker"), required=False)
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none(),
                                     required=False)  # fmt: skip
    status = forms.ChoiceField(label=_("Status"), choices=Quote.Status.choices,
                               initial=Quote.Status.DRAFT)  # fmt: skip

    def __init__(self, *args, speaker_choices, sessions, session_choices, unnamed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["speaker"].choices = speaker_choices
        # The queryset checks a posted session; the options, read once, are the formset's.
        self.fields["session"].queryset = sessions
        self.fields["session"].choices = session_choices
        self.unnamed = unnamed

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") != ACCEPT:
            return cleaned
        if not cleaned.get("text", "").strip():
            self.add_error("text", _("An accepted quote needs its text."))
        if not cleaned.get("speaker"):
            message = (
                _("The article does not name who said this: choose the speaker.")
                if self.unnamed
                else _("Choose the speaker.")
            )
            self.add_error("speaker", message)
        return cleaned


class NewSpeakerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    organization = forms.CharField(label=_("Organization"), max_length=200, required=False)


class BaseCandidateFormSet(forms.BaseFormSet):
    """One form per candidate, and never more: the count is the server's, not the POST's."""

    def __init__(self, *args, unnamed, speaker_choices, sessions, **kwargs):
        self.unnamed, self.speaker_choices, self.sessions = unnamed, speaker_choices, sessions
        # Read once for every form, not once per candidate.
        self.session_choices = [("", "---------"), *((s.pk, str(s)) for s in sessions)]
        super().__init__(*args, **kwargs)
        self.max_num = self.absolute_max = len(unnamed)
        self.validate_max = True

    def get_form_kwargs(self, index):
        return {
            "speaker_choices": self.speaker_choices,
            "sessions": self.sessions,
            "session_choices": self.session_choices,
            "unnamed": index < len(self.unnamed) and self.unnamed[index],
        }


CandidateFormSet = forms.formset_factory(CandidateForm, formset=BaseCandidateFormSet, extra=0)
NewSpeakerFormSet = forms.formset_factory(NewSpeakerForm, extra=1, max_num=200)


class ArticleReview:
    """The review of one article's candidates for `forum`, bound to `data` when posted."""

    def __init__(self, *, forum, text, data=None):
        self.forum, self.text = forum, text
        self.candidates = extract(text)
        guesses = [c.speaker for c in self.candidates]
        matcher = SpeakerMatcher(forum, guesses)
        self.matches = [matcher.match(g) for g in guesses]
        self.proposed = list(dict.fromkeys(m.new for m in self.matches if m.how == NEW))
        offered = [*matcher.speakers, *matcher.elsewhere.values()]
        self.offered = {f"speaker:{s.pk}": s for s in offered}
        self.saved = _saved_already(forum, self.candidates)
        self.errors = []
        self.source_form = SourceForm(data, prefix="source", initial=self._source_initial())
        self.new_speakers = NewSpeakerFormSet(
            data, prefix="new", initial=[asdict(new) for new in self.proposed]
        )
        self.quotes = CandidateFormSet(
            data,
            prefix="quote",
            initial=[
                self._quote_initial(c, m, saved)
                for c, m, saved in zip(self.candidates, self.matches, self.saved, strict=True)
            ],
            unnamed=[c.speaker is None for c in self.candidates],
            speaker_choices=self._speaker_choices(),
            sessions=Session.objects.filter(forum=forum).prefetch_related("translations"),
        )

    @property
    def rows(self):
        """(form, candidate, how its speaker was matched, already saved) per candidate."""
        how = [HOW_MATCHED.get(m.how, "") for m in self.matches]
        return list(zip(self.quotes.forms, self.candidates, how, self.saved, strict=False))

    def _source_initial(self):
        details = source_details(self.text)
        return {
            **details,
            "kind": Source.Kind.ARTICLE,
            "said_on": details["published_on"] or self.forum.end_date,
            "language": article_language(self.text),
            "publish_speakers": True,
        }

    def _quote_initial(self, candidate, match, saved):
        if match.speaker is not None:
            speaker = f"speaker:{match.speaker.pk}"
        elif match.new is not None:
            speaker = f"new:{self.proposed.index(match.new)}"
        else:
            speaker = ""
        return {"decision": REJECT if saved else ACCEPT, "text": candidate.text,
                "kind": candidate.kind, "speaker": speaker,
                "status": Quote.Status.DRAFT}  # fmt: skip

    def _speaker_choices(self):
        new = [(f"new:{i}", _("New: %(name)s") % {"name": n.name})
               for i, n in enumerate(self.proposed)]  # fmt: skip
        new.append((f"new:{len(self.proposed)}", _("New: the speaker in the empty row")))
        existing = [(key, str(speaker)) for key, speaker in self.offered.items()]
        return [("", "---------"), (_("New speakers"), new), (_("Speakers"), existing)]

    def is_valid(self):
        valid = all(
            [self.source_form.is_valid(), self.new_speakers.is_valid(), self.quotes.is_valid()]
        )
        if valid and not self.accepted():
            self.errors.append(_("Accept at least one quote, or leave without saving."))
        return valid and not self.errors and all(form.is_valid() for form in self.quotes)

    def accepted(self):
        """AcceptedQuote for each accepted form (after is_valid)."""
        found = []
        for form in self.quotes.forms:
            data = form.cleaned_data
            if data.get("decision") != ACCEPT:
                continue
            speaker = self._speaker(form, data["speaker"])
            if speaker is not None:
                found.append(AcceptedQuote(text=data["text"].strip(), kind=data["kind"],
                                           status=data["status"], speaker=speaker,
                                           session=data["session"]))  # fmt: skip
        return found

    def _speaker(self, form, key):
        if key in self.offered:
            return self.offered[key]
        index = int(key.removeprefix("new:"))
        details = (
            self.new_speakers.forms[index].cleaned_data
            if index < len(self.new_speakers.forms)
            else {}
        )
        if not details.get("name", "").strip():
            form.add_error("speaker", _("Give this new speaker a name under New speakers."))
            return None
        return NewSpeaker(details["name"].strip(), details["title"].strip(),
                          details["organization"].strip())  # fmt: skip

    def service_arguments(self):
        source_data = self.source_form.cleaned_data
        return {
            "forum": self.forum,
            "source": self.source_form.save(commit=False),
            "quotes": self.accepted(),
            "said_on": source_data["said_on"],
            "language": source_data["language"],
            "publish_speakers": source_data["publish_speakers"],
        }


def _saved_already(forum, candidates):
    """For each candidate, whether the forum has a quote of the same words already (as
    when the demo's own article is pasted): it is proposed as rejected."""
    texts = Quote.objects.filter(forum=forum).values_list("text", flat=True)
    saved = {tuple(tokens(text)) for text in texts}
    return [tuple(tokens(c.text)) in saved for c in candidates]
