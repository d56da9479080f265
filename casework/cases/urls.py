from django.urls import path

from casework.cases import views

app_name = "cases"
urlpatterns = [
    path("people/<uuid:person_id>/notes/new/", views.AddCaseNote.as_view(), name="add_note"),
    path("people/<uuid:person_id>/notes/<uuid:note_id>/", views.note_detail, name="note"),
    path(
        "people/<uuid:person_id>/notes/<uuid:note_id>/edit/",
        views.EditCaseNote.as_view(),
        name="edit_note",
    ),
    path("people/<uuid:person_id>/allocate/", views.AllocateWorker.as_view(), name="allocate"),
    path(
        "people/<uuid:person_id>/episodes/<uuid:episode_id>/close/",
        views.CloseEpisode.as_view(),
        name="close_episode",
    ),
    path("people/<uuid:person_id>/chronology/", views.chronology_page, name="chronology"),
    path(
        "people/<uuid:person_id>/chronology/new/",
        views.AddSignificantEvent.as_view(),
        name="add_event",
    ),
]
