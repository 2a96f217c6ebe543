"""/<lang>/my-agenda/: never cached, since each visitor's differs (forum_site/urls.py)."""

from django.urls import path

from events.public.views import my_agenda

app_name = "myagenda"
urlpatterns = [
    path("", my_agenda.page, name="page"),
    path("star/", my_agenda.star, name="star"),
    path("stars.json", my_agenda.stars, name="stars"),
    path("feed/", my_agenda.feed, name="feed-settings"),
    path("feed/<str:token>.ics", my_agenda.feed_ics, name="feed"),
]
