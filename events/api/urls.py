"""Mounted at /api/, outside the language prefix: the language comes from the request."""

from csp.decorators import csp_update
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from events.api import views

app_name = "api"

router = DefaultRouter()
router.register("forums", views.ForumViewSet, basename="forum")
router.register("sessions", views.SessionViewSet, basename="session")
router.register("speakers", views.SpeakerViewSet, basename="speaker")
router.register("organizations", views.OrganizationViewSet, basename="organization")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("quotes", views.QuoteViewSet, basename="quote")

# Swagger UI's page, its inline script under the request's nonce; its stylesheet draws
# icons from data: URLs.
docs = csp_update({"img-src": ["data:"]})(
    SpectacularSwaggerView.as_view(
        url_name="api:schema", template_name="events/api/swagger_ui.html"
    )
)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    re_path(r"^.*/$", views.not_found),
]
