from django.http import JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.decorators import decorator_from_middleware, method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets

from events.api import language, querysets
from events.api.filters import QuoteFilter, SessionFilter, SpeakerFilter
from events.api.serializers import (
    ForumSerializer,
    OrganizationSerializer,
    QuoteSerializer,
    SessionSerializer,
    SpeakerSerializer,
    TopicSerializer,
)

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=language.SUPPORTED,
    description="Answer in this language; overrides Accept-Language. Default: en.",
)

# ETags from the rendered body and 304s for If-None-Match, for the API only.
conditional_get = decorator_from_middleware(ConditionalGetMiddleware)


def _keep_404s(request):
    """Stop LocaleMiddleware from turning an API 404 into a redirect to /en/api/...

    It redirects any unprefixed 404 whose /en/ twin resolves, and the CMS catch-all
    resolves everything. It reads `request.urlconf` after the view has run; the API's
    own urlconf has no language prefix, so this answer stays a 404. URL resolution and
    reverse() for this request already happened with the root urlconf.
    """
    request.urlconf = "events.api.urls"


def not_found(request, *args, **kwargs):
    """Any other path under /api/: a JSON 404 rather than the CMS's HTML one."""
    _keep_404s(request)
    return JsonResponse({"detail": translation.gettext("Not found.")}, status=404)


@method_decorator(conditional_get, name="dispatch")
@extend_schema(parameters=[LANG_PARAMETER])
class ApiViewSet(viewsets.ReadOnlyModelViewSet):
    """Read-only, in the negotiated language, with ETags."""

    lookup_value_regex = r"[0-9]+"

    def initial(self, request, *args, **kwargs):
        _keep_404s(request._request)
        translation.activate(language.negotiate(request))
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        # Language and token change the body; shared caches must key on both.
        patch_vary_headers(response, ["Accept-Language", "Authorization"])
        response["Content-Language"] = translation.get_language()
        return response


class ForumViewSet(ApiViewSet):
    serializer_class = ForumSerializer

    def get_queryset(self):
        return querysets.forums_for_api(self.request.user)


class SessionViewSet(ApiViewSet):
    serializer_class = SessionSerializer
    filterset_class = SessionFilter

    def get_queryset(self):
        return querysets.sessions_for_api(self.request.user)


class SpeakerViewSet(ApiViewSet):
    serializer_class = SpeakerSerializer
    filterset_class = SpeakerFilter

    def get_queryset(self):
        return querysets.speakers_for_api(self.request.user)


class OrganizationViewSet(ApiViewSet):
    serializer_class = OrganizationSerializer

    def get_queryset(self):
        return querysets.organizations_for_api()


class TopicViewSet(ApiViewSet):
    serializer_class = TopicSerializer

    def get_queryset(self):
        return querysets.topics_for_api()


class QuoteViewSet(ApiViewSet):
    serializer_class = QuoteSerializer
    filterset_class = QuoteFilter

    def get_queryset(self):
        return querysets.quotes_for_api(self.request.user)
