from django.urls import path

from casework.cases import views

app_name = "cases"
urlpatterns = [
    path("people/<uuid:person_id>/notes/", views.notes_page, name="notes"),
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
    path("people/<uuid:person_id>/documents/", views.document_list, name="documents"),
    path("people/<uuid:person_id>/documents/new/", views.UploadDocument.as_view(), name="upload"),
    path(
        "people/<uuid:person_id>/documents/letter/", views.GenerateLetter.as_view(), name="letter"
    ),
    path(
        "people/<uuid:person_id>/documents/<uuid:document_id>/versions/new/",
        views.AddVersion.as_view(),
        name="add_version",
    ),
    path(
        "people/<uuid:person_id>/documents/<uuid:document_id>/versions/<int:number>/",
        views.download_version,
        name="download",
    ),
]
