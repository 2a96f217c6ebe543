"""Correction notes: what changed in a verified quote, and when.

`services.quote_save()` calls `pending_corrections()` before writing; the
admin saves quotes through it, and so should any other edit of a verified
quote. A journalist who used the earlier wording can then see what changed.
"""

# The fields that make up what was said and who said it, and when.
TRACKED_FIELDS = ("text", "original_text", "speaker", "said_on")


def _display(field, value, quote_model):
    if value is None:
        return ""
    if field == "speaker":
        speaker_model = quote_model._meta.get_field("speaker").related_model
        speaker = speaker_model.objects.filter(pk=value).only("name").first()
        return speaker.name if speaker else str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def pending_corrections(quote, note=""):
    """Unsaved QuoteCorrection rows for `quote`'s edits, if it was verified before them."""
    if quote.pk is None:
        return []
    model = type(quote)
    columns = [model._meta.get_field(f).attname for f in TRACKED_FIELDS]
    stored = model.objects.filter(pk=quote.pk).values("status", *columns).first()
    if stored is None or stored["status"] != model.Status.VERIFIED:
        return []
    corrections = []
    for field, column in zip(TRACKED_FIELDS, columns, strict=True):
        to_python = model._meta.get_field(field).to_python
        old, new = stored[column], to_python(getattr(quote, column))
        if old != new:
            corrections.append(
                quote.corrections.model(
                    quote=quote,
                    field=field,
                    old_value=_display(field, old, model),
                    new_value=_display(field, new, model),
                    note=note,
                )
            )
    return corrections
