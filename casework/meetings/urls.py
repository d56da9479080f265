from django.urls import path

from casework.meetings import views

app_name = "meetings"
_MEETING = "people/<uuid:person_id>/meetings/<uuid:meeting_id>"
urlpatterns = [
    path("people/<uuid:person_id>/meetings/", views.person_meetings, name="person"),
    path("people/<uuid:person_id>/meetings/new/", views.RecordMeeting.as_view(), name="new"),
    path(f"{_MEETING}/", views.meeting_detail, name="meeting"),
    path(f"{_MEETING}/edit/", views.EditMeeting.as_view(), name="edit"),
    path(f"{_MEETING}/attendees/new/", views.AddAttendee.as_view(), name="add_attendee"),
    path(
        f"{_MEETING}/attendees/<uuid:attendee_id>/edit/",
        views.ChangeAttendee.as_view(),
        name="change_attendee",
    ),
    path(f"{_MEETING}/decisions/new/", views.AddDecision.as_view(), name="add_decision"),
    path(f"{_MEETING}/actions/new/", views.AddAction.as_view(), name="add_action"),
    path(f"{_MEETING}/finalise/", views.FinaliseMeeting.as_view(), name="finalise"),
]
