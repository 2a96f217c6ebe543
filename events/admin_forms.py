"""Forms behind the session admin: participants checked against the submitted times."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from parler.forms import TranslatableBaseInlineFormSet, TranslatableModelForm

from events import rules
from events.models import Quote


class RoomFormSet(TranslatableBaseInlineFormSet):
    """A venue's rooms as entered together: two new rows may not share a name either
    (each room's clean() sees only the rooms already saved)."""

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            data = getattr(form, "cleaned_data", {})
            name = data.get("name")
            if not name or data.get("DELETE"):
                continue
            if name in seen:
                message = _("Another room of this venue is already called %(name)s.")
                form.add_error("name", message % {"name": name})
            seen.add(name)


class ParticipantFormSet(forms.BaseInlineFormSet):
    """Refuses a speaker listed twice, or busy elsewhere while this session runs.

    `self.instance` is the session form's instance, already carrying the submitted
    times, so a speaker added together with a time change is checked against the
    new times. On add the model's own check cannot run (no session yet); this does.
    """

    # False when the stored rows are shown read-only: Django then does not validate
    # them and keeps them as stored, so the session's own check covers them.
    stored_rows_editable = True

    def clean(self):
        seen = set()
        for form in self._live_forms():
            speaker = form.cleaned_data["speaker"]
            if speaker.pk in seen:
                form.add_error(
                    "speaker",
                    _("%(speaker)s is listed twice in this session.") % {"speaker": speaker},
                )
                continue
            seen.add(speaker.pk)
            message = rules.speaker_clash(self.instance, speaker)
            if message:
                form.add_error("speaker", message)
        super().clean()

    def _live_forms(self):
        checked = self.forms if self.stored_rows_editable else self.extra_forms
        # Forms already refused (e.g. by the model's own clash check) keep one message.
        for form in checked:
            if not hasattr(form, "cleaned_data") or form.errors:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            if form.cleaned_data.get("speaker") is not None:
                yield form


class SessionWithEditableParticipantsForm(TranslatableModelForm):
    """The session, whose participants ParticipantFormSet checks as submitted.

    SessionAdmin uses it when the user may change the participants, whose stored
    ones Session.validate_constraints() would check against the new times, refusing a
    move that also removes the speaker who would clash. Excluded as Django excludes
    fields, they are skipped for this validation only, not for any later full_clean()
    of the instance.
    """

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | {"participants"}


class QuoteAdminForm(forms.ModelForm):
    """The quote, plus the note Quote.save() stores on the corrections it records."""

    correction_note = forms.CharField(
        label=gettext_lazy("correction note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "When a verified quote's wording, speaker or date changes: why. "
            "Shown to journalists with the correction."
        ),
    )

    class Meta:
        model = Quote
        # QuoteAdmin's fieldsets choose what is shown; these are what may be.
        fields = (
            "text", "speaker", "forum", "session", "said_on", "kind", "status", "language",
            "original_text", "original_language", "translation_credit", "source", "topics",
            "context", "recording_timecode", "embargo_until",
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        session, speaker = cleaned.get("session"), cleaned.get("speaker")
        if session is not None and speaker is not None:
            message = rules.speaker_missing_from_session(session, speaker)
            if message:
                self.add_error("session", message)
        return cleaned
