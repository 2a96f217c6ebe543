from django.core.paginator import InvalidPage, Page
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

MAX_PAGE_SIZE = 100


def _whole_number(request, name, default, maximum=None):
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValidationError({name: [_("Must be a whole number, 1 or more.")]})
    if maximum is not None and value > maximum:
        message = _("Must be a whole number from 1 to %(maximum)s.") % {"maximum": maximum}
        raise ValidationError({name: [message]})
    return value


class Pagination(PageNumberPagination):
    """Page numbers; a bad number is a 400 and a page past the end is simply empty."""

    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return page_size_from(request)

    def get_page_number(self, request, paginator):
        # Past the last page is an empty page, not an error: no upper bound needed.
        return _whole_number(request, "page", 1)

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        paginator = self.django_paginator_class(queryset, self.get_page_size(request))
        number = self.get_page_number(request, paginator)
        try:
            self.page = paginator.page(number)
        except InvalidPage:
            self.page = Page([], number, paginator)
        return list(self.page)

    def get_next_link(self):
        if self.page.number >= self.page.paginator.num_pages:
            return None
        return super().get_next_link()

    def get_previous_link(self):
        last = self.page.paginator.num_pages
        if self.page.number > last > 0:
            # Past the end: point back to the last page that has results.
            return _page_link(self.request.build_absolute_uri(), last)
        if self.page.number > last:
            return None
        return super().get_previous_link()

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "page",
                "in": "query",
                "required": False,
                "description": str(_("Page number, from 1. Past the last page is empty.")),
                "schema": {"type": "integer", "minimum": 1},
            },
            {
                "name": "page_size",
                "in": "query",
                "required": False,
                "description": str(_("Results per page, from 1 to 100 (default 20).")),
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE},
            },
        ]


def page_size_from(request):
    return _whole_number(request, "page_size", Pagination.page_size, MAX_PAGE_SIZE)


class SearchPagination(Pagination):
    """The same page links and fields for a page of search_quotes() results.

    The search counts matches only up to its cap; `count_capped` says when `count`
    stopped there. `messages` says what of `q` was ignored, and why.
    """

    def get_search_response(self, request, result, data):
        self.request = request
        url = request.build_absolute_uri()
        # Only the first `reachable` matches can be paged through (see search_quotes).
        last = max(1, -(-result.reachable // result.per_page))
        previous = min(result.page - 1, last) if result.page > 1 else None
        return Response(
            {
                "count": result.total,
                "count_capped": result.total_capped,
                "next": replace_query_param(url, "page", result.page + 1)
                if result.has_next
                else None,
                "previous": _page_link(url, previous),
                "messages": [str(message) for message in result.messages],
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        paginated = super().get_paginated_response_schema(schema)
        paginated["properties"]["count_capped"] = {"type": "boolean"}
        paginated["properties"]["messages"] = {"type": "array", "items": {"type": "string"}}
        return paginated


def _page_link(url, number):
    if number is None:
        return None
    if number == 1:
        return remove_query_param(url, "page")
    return replace_query_param(url, "page", number)
