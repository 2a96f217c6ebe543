"""forum_site settings.

Everything that varies between deployments comes from the environment, with
defaults that are safe for development only. With DJANGO_DEBUG off the site
refuses to start without a real secret key and allowed hosts.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def read_env_file(path):
    """Put the KEY=VALUE lines of `path` into os.environ, where not set already.

    `make setup` writes such a file (.env: debug on, a generated secret key), so that
    every manage.py command of a development checkout runs without setting variables.
    A production server has none: its variables come from systemd (deploy/).
    """
    if not path or not Path(path).is_file():
        return
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        name, sep, value = line.strip().partition("=")
        if sep and not name.startswith("#"):
            os.environ.setdefault(name.strip(), value.strip())


read_env_file(os.environ.get("DJANGO_ENV_FILE", BASE_DIR / ".env"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


# --- Security -------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", default=False)
DEV_SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", DEV_SECRET_KEY if DEBUG else "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set to a random string of at least 32 characters "
            "when DJANGO_DEBUG is off."
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is off.")
    SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE

# No script of ours or of the admin and the CMS reads these cookies (the CMS toolbar takes
# its CSRF token from the page), so a script injected into a page cannot either.
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True

# Behind nginx terminating TLS: trust its X-Forwarded-Proto (never set it without a proxy).
BEHIND_TLS_PROXY = env_bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Off by default: `make serve` and a test machine answer plain HTTP (nginx may redirect too).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SSL_REDIRECT", default=False)

# HSTS makes browsers refuse plain HTTP for this many seconds: 0 (the default) until the site
# is known to work over HTTPS, since a mistake then cannot be taken back before it expires.
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS") or "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = os.environ.get("DJANGO_REFERRER_POLICY") or "same-origin"
# `manage.py check --deploy` reminds of HSTS left at its defaults. A 0 written in the
# environment is a decision (docs/deploy.md says when to make it), so it is not reminded of.
HSTS_CHECKS = {
    "DJANGO_HSTS_SECONDS": "security.W004",
    "DJANGO_HSTS_INCLUDE_SUBDOMAINS": "security.W005",
    "DJANGO_HSTS_PRELOAD": "security.W021",
}
SILENCED_SYSTEM_CHECKS = [
    check for name, check in HSTS_CHECKS.items() if os.environ.get(name, "").strip() == "0"
]

# Pages are never framed (clickjacking), except the admin and pages under the CMS toolbar,
# which the CMS frames in its sideframe and dialogs: forum_site/security.py.
X_FRAME_OPTIONS = "DENY"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- Uploads ---------------------------------------------------------------

# Images are decoded by Pillow within these limits and stored re-encoded (common/images.py).
IMAGE_MAX_PIXELS = int(os.environ.get("DJANGO_IMAGE_MAX_PIXELS", 40_000_000))
IMAGE_MAX_BYTES = int(os.environ.get("DJANGO_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
# django-filer (CMS images and files): its images get the same checks, and SVG, which
# can carry scripts, is refused outright rather than sanitized.
IMAGE_MIME_KINDS = ("jpeg", "png", "webp", "gif")
FILER_ADD_FILE_VALIDATORS = {
    **{f"image/{kind}": ["common.images.filer_validator"] for kind in IMAGE_MIME_KINDS},
    "image/svg+xml": ["filer.validation.deny"],
}

# --- Rendering -------------------------------------------------------------

# One font for Latin and Chinese in PDF programmes and social cards (common/fonts.py).
CJK_FONT = os.environ.get("DJANGO_CJK_FONT", "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")

# --- Applications ---------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "cms",
    "menus",
    "treebeard",
    "sekizai",
    "filer",
    "easy_thumbnails",
    "djangocms_text",
    "djangocms_link",
    "djangocms_frontend",
    "djangocms_frontend.contrib.grid",
    "djangocms_frontend.contrib.image",
    "djangocms_frontend.contrib.link",
    "parler",
    # Counts failed logins and locks an address+username out (see Login throttling).
    "axes",
    # Content-Security-Policy; installed for its checks of the settings' format.
    "csp",
    # Who changed what: registered models are listed in common/audit.py's callers.
    "auditlog",
    "speakers",
    "events",
]

MIDDLEWARE = [
    "cms.middleware.utils.ApphookReloadMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files with DEBUG off, from any app server: hashed names, served immutable.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # After the URL's language is active; a cached page skips everything below.
    "forum_site.public_cache.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Writes the embargoed quotes a page's CMS plugins showed, in one INSERT (events/press/seen.py).
    "events.press.seen.SeenMiddleware",
    # The logged-in user becomes the actor of every audit entry written by the request.
    "auditlog.middleware.AuditlogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Content-Security-Policy, and SAMEORIGIN framing for the admin (forum_site/security.py).
    # Below the page cache, so a cached page is stored with its policy.
    "forum_site.security.SitePolicyMiddleware",
    "cms.middleware.user.CurrentUserMiddleware",
    "cms.middleware.page.CurrentPageMiddleware",
    "cms.middleware.toolbar.ToolbarMiddleware",
    "cms.middleware.language.LanguageCookieMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "forum_site.urls"
WSGI_APPLICATION = "forum_site.wsgi.application"
SITE_ID = 1
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "forum_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sekizai.context_processors.sekizai",
                "cms.context_processors.cms_settings",
            ],
        },
    },
    # Only the rows of long lists (events/templatetags/listings.py): the hot loop of
    # the biggest pages, ten times faster compiled by Jinja2. Found in <app>/jinja2/.
    {"BACKEND": "django.template.backends.jinja2.Jinja2", "APP_DIRS": True},
]

# --- Audit history (django-auditlog, common/audit.py) ----------------------
# Changes as JSON, so the admin's history shows old and new values field by field.
AUDITLOG_STORE_JSON_CHANGES = True
# X-Forwarded-For is whatever the client sent: an address it could forge is no record.
AUDITLOG_DISABLE_REMOTE_ADDR = True
# Fixture loads (manage.py restore) put back rows as they were; they are nobody's edit.
AUDITLOG_DISABLE_ON_RAW_SAVE = True
# `manage.py prune_history` (events/retention.py) deletes entries older than this.
AUDIT_KEEP_DAYS = int(os.environ.get("DJANGO_AUDIT_KEEP_DAYS") or "365")

# --- Database -------------------------------------------------------------

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
        conn_health_checks=env_bool("DJANGO_CONN_HEALTH_CHECKS", default=False),
    )
}

# --- Cache and sessions ---------------------------------------------------
# With REDIS_URL every app server shares one cache (pages, sessions, rate limits);
# without it each process keeps its own, which is right for one process only.

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache; a stopped Redis reads as an empty cache (forum_site/cache.py).
            "BACKEND": "forum_site.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("DJANGO_CACHE_KEY_PREFIX", "forum-site"),
            # A hung Redis must not hold a page for long: give up on it within a second.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "forum-site",
        }
    }
# Sessions are read from the cache and kept in the database, so a Redis restart logs no one out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# The cached public tier (forum_site/public_cache.py): the longest, in seconds, the cache
# keeps an anonymous public page (0: not at all). Writes and embargo lifts end it sooner.
# Off by default under DEBUG, so that template edits show at once.
PUBLIC_CACHE_SECONDS = int(
    os.environ.get("DJANGO_PUBLIC_CACHE_SECONDS", "0" if DEBUG else str(24 * 60 * 60))
)
# The max-age those pages carry for nginx, CDNs and browsers: how long after an edit (or a
# retraction) they may still show the old page. 0 keeps every edit visible at once.
PUBLIC_CACHE_MAX_AGE = int(os.environ.get("DJANGO_PUBLIC_CACHE_MAX_AGE", "0"))

# --- Authentication -------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Press staff log in on the site (events/press/accounts.py), under the language prefix.
LOGIN_URL = "accounts:login"
# Invitation and password-reset links stop working after three days.
PASSWORD_RESET_TIMEOUT = 3 * 24 * 60 * 60

# --- Login throttling (django-axes) ---------------------------------------
# Every login form (the admin's, the press room's) authenticates through these backends:
# axes' first refuses an address+username that failed too often, before any password check.

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["ip_address", "username"]]
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("DJANGO_LOGIN_COOLOFF_MINUTES") or "15"))
# A successful login forgets the failures before it. Tries during a lockout neither count
# nor extend it: it ends the cool-off after the last failure that counted, as the page says.
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Attempts are rows in the database (AccessAttempt): shared by every app server, kept when
# Redis stops, and an organizer unlocks someone by deleting theirs in the admin.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_CLIENT_IP_CALLABLE = "forum_site.security.client_address"
AXES_LOCKOUT_CALLABLE = "forum_site.lockout.lockout_response"

# --- Content-Security-Policy (django-csp) ----------------------------------
# Public and press pages: this site's own files only, inline scripts only with the
# request's nonce (templates write nonce="{{ request.csp_nonce }}"), never framed.
# forum_site/security.py adds the uploads' bucket and loosens it for the admin.

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, NONCE],
        "img-src": [SELF],
        "media-src": [SELF],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# The admin and pages under the CMS toolbar (staff only): the CMS, filer and the text
# editor write inline scripts and styles and draw icons from data: URLs, and the CMS frames
# the admin in its sideframe and dialogs.
CSP_EDITING_DIRECTIVES = {
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:"],
    "font-src": [SELF, "data:"],
    "frame-src": [SELF],
    "frame-ancestors": [SELF],
}
# Where uploads are served from when not from this site, e.g. https://media.example.org
# (empty: the S3 bucket's own address when AWS_STORAGE_BUCKET_NAME is set).
CSP_MEDIA_ORIGINS = env_list("DJANGO_CSP_MEDIA_ORIGINS")

# --- Languages and time ---------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("zh-hans", _("Simplified Chinese"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")

PARLER_DEFAULT_LANGUAGE_CODE = "en"
# Pages prefetch their translations, and the public tier caches whole pages: parler's
# own cache only added a cache write per translation read (1,000 Redis trips per agenda).
PARLER_ENABLE_CACHING = False
PARLER_LANGUAGES = {
    SITE_ID: ({"code": "en"}, {"code": "zh-hans"}),
    "default": {"fallbacks": ["en"], "hide_untranslated": False},
}

CMS_LANGUAGES = {
    SITE_ID: [
        {"code": "en", "name": _("English"), "public": True},
        {
            "code": "zh-hans",
            "name": _("Simplified Chinese"),
            "public": True,
            "fallbacks": ["en"],
            "hide_untranslated": False,
            "redirect_on_fallback": False,
        },
    ],
    "default": {"fallbacks": ["en"], "redirect_on_fallback": False, "public": True},
}

# --- django CMS -----------------------------------------------------------

CMS_TEMPLATES = [("page.html", _("Standard page"))]
CMS_PERMISSION = False
SILENCED_SYSTEM_CHECKS += ["treebeard.E001"]
TEXT_INLINE_EDITING = True
THUMBNAIL_PROCESSORS = (
    "easy_thumbnails.processors.colorspace",
    "easy_thumbnails.processors.autocrop",
    "filer.thumbnail_processors.scale_and_crop_with_subject_location",
    "easy_thumbnails.processors.filters",
)

# --- Static and media files -----------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "forum_site" / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static_collected"))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # DEBUG off: collectstatic writes hashed, compressed copies that whitenoise serves
    # forever-cacheable; `make serve` runs it. The development server serves the sources.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads in an S3 bucket (AWS, MinIO, Ceph...) when AWS_STORAGE_BUCKET_NAME is set, so
# that every app server sees every upload. django-storages reads the AWS_* settings;
# django-filer and easy-thumbnails use the default storage, so they follow.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {"BACKEND": "storages.backends.s3.S3Storage"}
    AWS_S3_ENDPOINT_URL = os.environ.get("AWS_S3_ENDPOINT_URL") or None
    AWS_S3_REGION_NAME = os.environ.get("AWS_S3_REGION_NAME") or None
    AWS_ACCESS_KEY_ID = os.environ.get("AWS_ACCESS_KEY_ID") or None
    AWS_SECRET_ACCESS_KEY = os.environ.get("AWS_SECRET_ACCESS_KEY") or None
    AWS_S3_CUSTOM_DOMAIN = os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None
    AWS_S3_URL_PROTOCOL = os.environ.get("AWS_S3_URL_PROTOCOL", "https:")
    AWS_S3_ADDRESSING_STYLE = os.environ.get("AWS_S3_ADDRESSING_STYLE") or None
    AWS_LOCATION = os.environ.get("AWS_LOCATION", "")
    AWS_DEFAULT_ACL = os.environ.get("AWS_DEFAULT_ACL") or None
    # Plain URLs: a signed one expires, and a cached page would outlive it.
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", default=False)
    # An upload never replaces another of the same name, as on a local disk.
    AWS_S3_FILE_OVERWRITE = False
    # Filer's private files would otherwise stay on one server's disk; in the bucket
    # they are kept under their own prefix, signed, and served through filer's views.
    _PRIVATE_S3 = {
        "ENGINE": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "location": "filer_private",
            "querystring_auth": True,
            "default_acl": "private",
        },
    }
    FILER_STORAGES = {"private": {"main": _PRIVATE_S3, "thumbnails": _PRIVATE_S3}}

# --- Email ----------------------------------------------------------------

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "forum-site@localhost")

# --- Logging --------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- API (events/api) -----------------------------------------------------
# Kept in one section so the other parts of the site can edit settings without clashes.

INSTALLED_APPS += [
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]

REST_FRAMEWORK = {
    # Tokens are issued and revoked by organizers in the admin; no session auth, so a
    # browser's login cookie never changes what a cached API answer contains.
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "events.api.pagination.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "rest_framework.throttling.AnonRateThrottle",
        "rest_framework.throttling.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": os.environ.get("DJANGO_API_ANON_RATE", "60/minute"),
        "user": os.environ.get("DJANGO_API_USER_RATE", "600/minute"),
    },
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "forum_site API",
    "DESCRIPTION": (
        "Read-only data of the forums: agendas, speakers, organizations, topics and quotes. "
        "Anonymous callers see public data; press and organizer tokens "
        "(`Authorization: Token <key>`) also see embargoed quotes. "
        "Answers follow `Accept-Language`, overridden by `?lang=` (en, zh-hans)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Docs assets come from drf-spectacular-sidecar's static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Swagger UI would otherwise send the schema to validator.swagger.io.
    "ENUM_NAME_OVERRIDES": {
        "LanguageEnum": "events.models.LANGUAGE_CHOICES",
        "ForumStatusEnum": "events.models.Forum.Status",
        "SessionStatusEnum": "events.models.Session.Status",
        "QuoteStatusEnum": "events.models.Quote.Status",
        "SessionKindEnum": "events.models.Session.Kind",
        "QuoteKindEnum": "events.models.Quote.Kind",
        "SourceKindEnum": "events.models.Source.Kind",
    },
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
}

# --- Webhooks (events/webhooks) -------------------------------------------

# The public origin, e.g. https://forum.example.org, for absolute links where no request
# gives one (webhook payloads); empty: https:// and the Sites framework's domain.
SITE_URL = os.environ.get("DJANGO_SITE_URL", "")
# `manage.py prune_history` deletes delivered and failed events (and their attempts) left
# alone that long; pending ones stay until delivered or failed.
WEBHOOK_KEEP_DAYS = int(os.environ.get("DJANGO_WEBHOOK_KEEP_DAYS") or "30")
