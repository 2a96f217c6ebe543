"""Which Content-Security-Policy and framing each response gets, and the client's address.

Public and press pages get settings.CONTENT_SECURITY_POLICY: our own files, inline
scripts only with the request's nonce, never framed. The admin, and the pages staff see
under the CMS toolbar, get CSP_EDITING_DIRECTIVES in place of some of its directives:
the CMS, filer and the text editor write inline scripts and styles, and the CMS frames
the admin in its sideframe and dialogs, so those responses may be framed by the site
itself (SAMEORIGIN).
An anonymous visitor never gets the looser policy, whatever the URL says (?toolbar_on).

Uploads may live in an S3 bucket: its address, where pages link to the files, is added
to img-src and media-src (DJANGO_CSP_MEDIA_ORIGINS, or else the bucket's own address).
"""

import functools

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.files.storage import default_storage

PROBE = "csp-probe"


class SitePolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, choosing the public or the editing policy per request.

    Sits after XFrameOptionsMiddleware in MIDDLEWARE, so the SAMEORIGIN it sets on
    editing responses is left alone there; every other response gets X_FRAME_OPTIONS.
    """

    def process_response(self, request, response):
        if is_editing(request):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only:
            return parts
        if is_editing(request):
            # Whole directives replaced: next to a nonce, browsers ignore 'unsafe-inline'.
            parts.replace = {**settings.CSP_EDITING_DIRECTIVES, **(parts.replace or {})}
        media = media_sources()
        if media:
            parts.update = _merged(parts.update or {}, {"img-src": media, "media-src": media})
        return parts


def is_editing(request):
    """The admin, or a page shown to staff under the CMS toolbar."""
    match = getattr(request, "resolver_match", None)
    if match is not None and "admin" in match.namespaces:
        return True
    user = getattr(request, "user", None)
    if user is None or not user.is_staff:
        return False
    toolbar = getattr(request, "toolbar", None)
    return toolbar is not None and toolbar.show_toolbar


def _merged(first, second):
    keys = first.keys() | second.keys()
    return {key: [*first.get(key, ()), *second.get(key, ())] for key in keys}


@functools.cache
def media_sources():
    """The CSP sources of uploaded files: none while they are served from MEDIA_URL.

    Taken from the storage itself (the URL of a file at the bucket's root, less the
    file), so that it is exactly where pages link to: a custom domain, a bucket host, or
    an endpoint's path to the bucket (which admits that bucket only, not its neighbours).
    """
    if settings.CSP_MEDIA_ORIGINS:
        return tuple(settings.CSP_MEDIA_ORIGINS)
    if not getattr(settings, "AWS_STORAGE_BUCKET_NAME", ""):
        return ()
    url = default_storage.url(PROBE).split("?", 1)[0]
    prefix = url.removesuffix(PROBE)
    location = getattr(default_storage, "location", "")
    if location:
        prefix = prefix.removesuffix(location.strip("/") + "/")
    return (prefix,)


def client_address(request):
    """The visitor's address, for django-axes.

    Behind nginx (DJANGO_BEHIND_TLS_PROXY) it is the last X-Forwarded-For entry, the one
    nginx appended ($proxy_add_x_forwarded_for); entries before it are the client's own
    say and could be forged. Without a proxy it is the connection's address.
    """
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if settings.BEHIND_TLS_PROXY and forwarded.strip():
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")
