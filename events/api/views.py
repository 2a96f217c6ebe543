from django.db.models import prefetch_related_objects
from django.http import JsonResponse
from django.middleware.http import ConditionalGetMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.decorators import decorator_from_middleware, method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from events.api import language, querysets
from events.api.filters import SessionFilter, SpeakerFilter
from events.api.pagination import SearchPagination, page_size_from
from events.api.serializers import (
    ForumSerializer,
    OrganizationSerializer,
    QuoteResultSerializer,
    QuoteSerializer,
    SessionSerializer,
    SpeakerSerializer,
    TopicSerializer,
)
from events.models import EmbargoView
from events.press.filters import MAX_QUERY_LENGTH, QuoteFilter
from events.press.search import InvalidSearch, search_quotes
from events.press.seen import embargoed_quotes_seen

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


@extend_schema(
    parameters=[
        OpenApiParameter(
            "q",
            OpenApiTypes.STR,
            description=(
                "Full-text search over quote text, original text, speaker names and "
                'session titles; "quoted phrases" match in order. Ranked, then newest. '
                f"At most {MAX_QUERY_LENGTH} characters."
            ),
        )
    ]
)
class QuoteViewSet(ApiViewSet):
    """The list is the press room's search (search_quotes), with the same parameters."""

    serializer_class = QuoteSerializer
    # For the schema only: search_quotes() applies these filters itself.
    filterset_class = QuoteFilter
    pagination_class = SearchPagination

    def get_queryset(self):
        return querysets.quotes_for_api(self.request.user)

    def get_serializer_class(self):
        return QuoteResultSerializer if self.action == "list" else QuoteSerializer

    def filter_queryset(self, queryset):
        # Only the detail view gets here, and it looks quotes up by id alone.
        return queryset

    def list(self, request, *args, **kwargs):
        params = request.query_params
        at = timezone.now()
        try:
            result = search_quotes(
                user=request.user,
                q=params.get("q", ""),
                filters=params,
                page=params.get("page") or 1,
                per_page=page_size_from(request),
                at=at,
            )
        except InvalidSearch as error:
            raise ValidationError(error.message_dict) from error
        prefetch_related_objects(result.items, *querysets.quote_result_extras())
        _seen(request, result.items, at)
        data = self.get_serializer(result.items, many=True).data
        return self.paginator.get_search_response(request, result, data)

    def retrieve(self, request, *args, **kwargs):
        quote = self.get_object()
        _seen(request, [quote], timezone.now())
        return Response(self.get_serializer(quote).data)


def _seen(request, quotes, at):
    embargoed_quotes_seen(user=request.user, quotes=quotes, at=at, surface=EmbargoView.Surface.API)
