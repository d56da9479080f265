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
]
