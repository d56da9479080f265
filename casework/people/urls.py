from django.urls import path

from casework.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/new/", views.CreatePerson.as_view(), name="new"),
    path("people/<uuid:person_id>/", views.person_detail, name="detail"),
    path("people/<uuid:person_id>/people/", views.person_people, name="people"),
    path("people/<uuid:person_id>/details/", views.ChangeDetails.as_view(), name="change"),
    path("people/<uuid:person_id>/addresses/new/", views.AddAddress.as_view(), name="add_address"),
    path("people/<uuid:person_id>/names/new/", views.AddOtherName.as_view(), name="add_name"),
    path(
        "people/<uuid:person_id>/relationships/new/",
        views.AddRelationship.as_view(),
        name="add_relationship",
    ),
    path(
        "people/<uuid:person_id>/professionals/new/",
        views.AddProfessional.as_view(),
        name="add_professional",
    ),
    path("people/<uuid:person_id>/warnings/new/", views.AddWarning.as_view(), name="add_warning"),
    path("people/<uuid:person_id>/merge/", views.MergeRecords.as_view(), name="merge"),
    path(
        "people/<uuid:person_id>/merges/<uuid:merge_id>/undo/",
        views.undo_merge,
        name="undo_merge",
    ),
]
