"""Export routes; events/urls.py includes them under the forum's slug."""

from django.urls import path

from events.interop import views

urlpatterns = [
    path("<slug:slug>/schedule.xml", views.forum_schedule_xml, name="forum-schedule-xml"),
    path("<slug:slug>/schedule.json", views.forum_schedule_json, name="forum-schedule-json"),
    path("<slug:slug>/agenda.csv", views.forum_agenda_csv, name="forum-agenda-csv"),
]
