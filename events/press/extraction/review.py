"""Sources › Extract quotes from an article: paste or upload, review, confirm.

Step one takes the article and the forum and keeps the decoded text in a private staged
file (events/interop/staging.py, as agenda imports do), so a long article is not posted
back and forth. Step two extracts the candidates from that text again on every view, and
writes nothing until the organizer confirms; confirming creates the Source, any new
speakers and the quotes in one transaction (services.py). SourceAdmin mixes this in.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.interop import staging
from events.models import Forum
from events.press.extraction.review_forms import ArticleForm, ArticleReview
from events.press.extraction.services import article_quotes_create
from events.press.extraction.text import MAX_ARTICLE_BYTES

EXTRACTION_PERMISSIONS = (
    "events.add_source",
    "events.add_quote",
    "speakers.add_speaker",
    "speakers.add_organization",
    "speakers.add_affiliation",
)


class QuoteExtractionAdminMixin:
    def get_urls(self):
        view, name = self.admin_site.admin_view, self._url_name
        return [
            path("extract-quotes/", view(self.extract_quotes_view), name=name("extract_quotes")),
            path("extract-quotes/<int:forum_id>/<str:token>/", view(self.review_quotes_view),
                 name=name("review_quotes")),
        ] + super().get_urls()  # fmt: skip

    def may_extract_quotes(self, request):
        return request.user.has_perms(EXTRACTION_PERMISSIONS)

    def changelist_view(self, request, extra_context=None):
        if self.may_extract_quotes(request):
            link = {"extract_quotes_url": self._url("extract_quotes")}
            extra_context = {**(extra_context or {}), **link}
        return super().changelist_view(request, extra_context)

    def extract_quotes_view(self, request):
        self._check(request)
        form = ArticleForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            forum = form.cleaned_data["forum"]
            data = form.article.encode("utf-8")
            token = staging.stage(request, forum=forum, data=data, options={})
            return HttpResponseRedirect(self._url("review_quotes", forum.pk, token))
        context = self._context(request, _("Extract quotes from an article"), form=form,
                                max_bytes=MAX_ARTICLE_BYTES)  # fmt: skip
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, "admin/events/source/extract_quotes.html", context,
                                status=status)  # fmt: skip

    def review_quotes_view(self, request, forum_id, token):
        self._check(request)
        forum = get_object_or_404(Forum, pk=forum_id)
        staged = staging.load(request, forum=forum, token=token)
        if staged is None:
            messages.error(request, _("That article has expired or was saved already. "
                                      "Paste it again."))  # fmt: skip
            return HttpResponseRedirect(self._url("extract_quotes"))
        text = staged[0].decode("utf-8")
        review = ArticleReview(forum=forum, text=text, data=request.POST or None)
        status = 200
        if request.method == "POST":
            response = self._confirm(request, review, token)
            if response is not None:
                return response
            status = 422
        context = self._context(request, _("Review the quotes of the article"), review=review,
                                forum=forum, upload_url=self._url("extract_quotes"))  # fmt: skip
        return TemplateResponse(request, "admin/events/source/review_quotes.html", context,
                                status=status)  # fmt: skip

    def _confirm(self, request, review, token):
        """A redirect when everything was saved; None (errors on `review`) when nothing was."""
        if not review.is_valid():
            return None
        try:
            created = article_quotes_create(**review.service_arguments())
        except ValidationError as error:
            review.errors.extend(_messages_of(error))
            return None
        staging.discard(request, token)
        self.log_addition(request, created.source, [{"added": {}}])
        messages.success(request, _summary(created))
        return HttpResponseRedirect(self._url("change", created.source.pk))

    # --- helpers ---------------------------------------------------------------------

    def _check(self, request):
        if not self.may_extract_quotes(request):
            raise PermissionDenied

    def _url_name(self, name):
        return f"{self.opts.app_label}_{self.opts.model_name}_{name}"

    def _url(self, name, *args):
        return reverse(f"{self.admin_site.name}:{self._url_name(name)}", args=args)

    def _context(self, request, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "changelist_url": self._url("changelist"),
            **extra,
        }


def _messages_of(error):
    if hasattr(error, "error_dict"):
        return [f"{field}: {' '.join(found)}" for field, found in error.message_dict.items()]
    return list(error.messages)


def _summary(created):
    quotes = ngettext("%(count)d quote", "%(count)d quotes", len(created.quotes)) % {
        "count": len(created.quotes)
    }
    speakers = ngettext("%(count)d new speaker", "%(count)d new speakers",
                        len(created.speakers)) % {"count": len(created.speakers)}  # fmt: skip
    return _("Saved the source %(source)s with %(quotes)s and %(speakers)s.") % {
        "source": created.source,
        "quotes": quotes,
        "speakers": speakers,
    }
