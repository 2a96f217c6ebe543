"""The cached public tier: anonymous GETs of public pages answered from the shared cache.

Cached: the public apps' pages (agendas, sessions, speakers, topics, quotes, feeds, iCal,
exports), the CMS's pages and the sitemap, for visitors without a session (so never a
logged-in user, organizer or press user) and outside the CMS toolbar. Never: the press
room, accounts, the admin, the API, nor any answer but a plain 200 that sets no cookie
besides the CMS's language cookie. That one is not repeated on cached answers: they are
the same for everyone, so nginx may keep them too (it keeps nothing that sets a cookie),
and the cookie only steers the redirect of the bare "/", which then follows the
browser's Accept-Language.

An entry is keyed on the language and the absolute URL (scheme, host, path, query) and
holds the numbers of the generations its page depends on (events.generations); a write
bumps them, so the next request renders afresh, on every server. It expires at the latest
at the page's next change in time (an embargo lifting: PageScope.next_change()).

Text answers are stored gzipped, once, when they are made. A browser (any client sending
`Accept-Encoding: gzip`) gets those bytes as they are: the 38C3 agenda's 1.2 MB become about
170 KB to fetch from Redis and to send. Other clients get them inflated. Compressing is safe
from BREACH-style attacks because no stored page holds a secret: none has a session or a
CSRF token (_storable).

Answers carry a weak ETag (one for both encodings, which hold the same page) and
`Cache-Control: public, max-age=PUBLIC_CACHE_MAX_AGE`, never past the entry's expiry, for
nginx, a CDN and browsers (which then may show a page that long after an edit: 0, the
default, keeps every edit visible at once). A matching If-None-Match gets 304.

It sits right after LocaleMiddleware (which activates the URL's language): a hit skips
the rest of the middleware and the view. The headers those add are stored with the page,
the Content-Security-Policy among them (forum_site/security.py), so a stored page keeps
the nonce its scripts carry. Its visitors share that nonce while the entry lasts, which
lets nothing new in: a nonce keeps out markup injected into a page, and whatever changes
the page (a write, an embargo lifting, another query string) makes it afresh, nonce too.
"""

import gzip
import hashlib
import math
import re
import time
from dataclasses import dataclass

from cms.utils.conf import get_cms_setting
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import quote_etag

from events import generations

CACHED_NAMESPACES = {"events", "speakers", "topics", "search"}
CACHED_URL_NAMES = {"pages-root", "pages-details-by-slug", "sitemap"}
# A visitor with these cookies may see something of their own (a session, a message).
PRIVATE_COOKIES = {settings.SESSION_COOKIE_NAME, "messages"}
NOT_STORED_HEADERS = {"cache-control", "etag", "expires", "content-length"}
# What gzip shrinks: HTML, iCal, CSV, JSON, XML, feeds, SVG. Not PNGs and PDFs, which are
# compressed already. Level 1: the agenda in 5 ms instead of 13 at level 6, for 166 KB
# instead of 140; it is paid by the request that makes the page.
COMPRESSED_TYPES = re.compile(r"^(text/|application/([\w.+-]*\+)?(json|xml)\b|image/svg\+xml)")
GZIP_LEVEL = 1
SMALLEST_COMPRESSED = 200  # bytes; below that gzip's header outweighs its gain
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


def _toolbar_parameters():
    names = ("CMS_TOOLBAR_URL__ENABLE", "CMS_TOOLBAR_URL__DISABLE", "CMS_TOOLBAR_URL__PERSIST")
    return {get_cms_setting(name) for name in names} | {"edit", "structure", "preview"}


@dataclass(frozen=True)
class Entry:
    generations: tuple
    content: bytes
    headers: tuple
    etag: str
    expires: float  # epoch seconds
    gzipped: bool = False  # `content` is gzip of the page


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.toolbar_parameters = _toolbar_parameters()

    def __call__(self, request):
        page = self.cacheable_page(request)
        if page is None:
            return self.get_response(request)
        entry, numbers = page.lookup()
        if entry is not None:
            return _finish(request, _answer(request, entry), entry)
        response = self.get_response(request)
        if request.method == "GET" and _storable(request, response):
            if page.changed_since(numbers):
                # A write committed while the page was made from what was there before,
                # which django CMS may have kept under its new cache version.
                generations.forget_cms_pages()
                return response
            entry = page.store(response, numbers)
            if entry is not None:
                return _finish(request, _answer(request, entry, made=response), entry)
        return response

    def cacheable_page(self, request):
        """The CachedPage `request` may be answered from, or None."""
        seconds = settings.PUBLIC_CACHE_SECONDS
        if not seconds or request.method not in ("GET", "HEAD"):
            return None
        if PRIVATE_COOKIES & request.COOKIES.keys() or self.toolbar_parameters & request.GET.keys():
            return None
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        if match.namespace not in CACHED_NAMESPACES and match.url_name not in CACHED_URL_NAMES:
            return None
        language = translation.get_language()
        address = f"{language} {request.build_absolute_uri()}"
        key = "public-page:" + hashlib.sha256(address.encode()).hexdigest()
        return CachedPage(key, generations.scope_of(match), seconds)


@dataclass(frozen=True)
class CachedPage:
    key: str
    scope: generations.PageScope
    seconds: int  # the longest an entry is kept

    def lookup(self):
        """(the valid Entry or None, the current generation numbers): one cache round trip."""
        names = self.scope.names
        found = cache.get_many([self.key, *map(generations.key, names)])
        numbers = generations.numbers(names, found)
        entry = found.get(self.key)
        if entry is None or entry.generations != numbers or entry.expires <= time.time():
            return None, numbers
        return entry, numbers

    def changed_since(self, numbers):
        """Whether a generation moved on from `numbers`: one cache round trip."""
        names = self.scope.names
        return (
            generations.numbers(names, cache.get_many(list(map(generations.key, names)))) != numbers
        )

    def store(self, response, numbers):
        """Store `response` under the generation `numbers` read before it was made."""
        now = timezone.now()
        seconds = self.seconds
        change = self.scope.next_change(now)
        if change is not None:
            seconds = min(seconds, math.floor((change - now).total_seconds()))
        if seconds <= 0:
            return None
        content = response.content
        gzipped = _compressible(response)
        entry = Entry(
            generations=numbers,
            content=gzip.compress(content, GZIP_LEVEL, mtime=0) if gzipped else content,
            headers=tuple(
                (name, value)
                for name, value in response.items()
                if name.lower() not in NOT_STORED_HEADERS
            ),
            etag="W/" + quote_etag(hashlib.md5(content, usedforsecurity=False).hexdigest()),
            expires=now.timestamp() + seconds,
            gzipped=gzipped,
        )
        cache.set(self.key, entry, timeout=seconds)
        return entry


def _storable(request, response):
    """Whether `response` is the same for every anonymous visitor of its URL."""
    if response.status_code != 200 or response.streaming:
        return False
    if request.user.is_authenticated:
        return False
    toolbar = getattr(request, "toolbar", None)
    if toolbar is not None and toolbar.show_toolbar:
        return False
    if response.cookies.keys() - {settings.LANGUAGE_COOKIE_NAME}:
        return False  # a session, a CSRF token: this visitor's own
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-cache", "no-store")):
        return False
    return "*" not in response.get("Vary", "")


def _compressible(response):
    if response.has_header("Content-Encoding") or len(response.content) < SMALLEST_COMPRESSED:
        return False
    return bool(COMPRESSED_TYPES.match(response.get("Content-Type", "")))


def _answer(request, entry, made=None):
    """The entry as this client takes it: gzipped if it may, else plain.

    `made` is the response the entry was just stored from: its language cookie goes out
    with this first answer, and its content spares inflating the stored one.
    """
    response = HttpResponse(headers=dict(entry.headers))
    if made is not None:
        response.cookies = made.cookies
    if not entry.gzipped:
        response.content = entry.content
        return response
    if ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")):
        response.content = entry.content
        response["Content-Encoding"] = "gzip"
    else:
        response.content = made.content if made is not None else gzip.decompress(entry.content)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response


def _finish(request, response, entry):
    """`response` with the entry's ETag and public max-age, or 304 if the client has it."""
    left = math.floor(entry.expires - time.time())
    max_age = max(0, min(settings.PUBLIC_CACHE_MAX_AGE, left))
    response["ETag"] = entry.etag
    response["Content-Length"] = str(len(response.content))
    patch_cache_control(response, public=True, max_age=max_age)
    return get_conditional_response(request, etag=entry.etag, response=response)
