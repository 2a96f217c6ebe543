"""The admin's agenda upload form: the file is judged by parsing it, not by its name."""

import zoneinfo

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.interop.plan import MAX_IMPORT_BYTES, ImportRefused
from events.interop.readers import parse_upload

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LANGUAGES = [("en", gettext_lazy("English")), ("zh-hans", gettext_lazy("Simplified Chinese"))]


def _zones():
    return [("", "---------")] + [(name, name) for name in sorted(zoneinfo.available_timezones())]


class AgendaUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Agenda file"),
        help_text=gettext_lazy(
            "A spreadsheet as XLSX or CSV (UTF-8; GB18030 from Chinese Excel is detected), "
            "or a frab schedule.xml, at most 5 MB."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": f".csv,.xlsx,.xml,text/csv,application/xml,{XLSX_TYPE}"}
        ),
    )
    time_zone = forms.ChoiceField(
        label=gettext_lazy("Time zone of the file"),
        required=False,
        choices=_zones,
        help_text=gettext_lazy(
            "Only for a frab file that does not name its time zone. Spreadsheet times are "
            "always read in the forum's time zone."
        ),
    )
    language = forms.ChoiceField(
        label=gettext_lazy("Language of titles and abstracts"), choices=LANGUAGES
    )
    confirm_overlaps = forms.BooleanField(
        label=gettext_lazy("Store room and speaker clashes as intended overlaps"),
        required=False,
        help_text=gettext_lazy("The preview lists them; you can still decide there."),
    )
    publish = forms.BooleanField(
        label=gettext_lazy("Publish new sessions and speakers"),
        required=False,
        help_text=gettext_lazy("Otherwise they are created as drafts."),
    )

    def __init__(self, *args, forum, **kwargs):
        super().__init__(*args, **kwargs)
        self.forum = forum
        self.content = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s bytes (5 MB).")
                % {"size": upload.size, "limit": MAX_IMPORT_BYTES}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is None or self.errors:
            return cleaned
        content = upload.read()
        try:  # reading it at all: encoding, well-formed and safe XML, size
            parse_upload(content, forum=self.forum, time_zone=cleaned.get("time_zone") or None)
        except ImportRefused as refused:
            self.add_error("file", str(refused.problem))
            return cleaned
        self.content = content
        return cleaned

    def options(self):
        names = ("time_zone", "language", "confirm_overlaps", "publish")
        options = {name: self.cleaned_data[name] for name in names}
        # The audit history names the import by its file (common/audit.py).
        return {**options, "file_name": self.cleaned_data["file"].name}
