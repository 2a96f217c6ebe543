from django.urls import include, path

app_name = "events"

urlpatterns = [
    path("", include("events.interop.urls")),
]
