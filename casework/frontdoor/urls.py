from django.urls import path

from casework.frontdoor import views

app_name = "frontdoor"
urlpatterns = [
    path("front-door/", views.tray, name="tray"),
    path("front-door/services/", views.service_directory, name="services"),
    path("front-door/contacts/new/", views.NewContact.as_view(), name="new_contact"),
    path("front-door/contacts/<uuid:contact_id>/", views.contact_detail, name="contact"),
    path(
        "front-door/contacts/<uuid:contact_id>/people/new/",
        views.AddPeople.as_view(),
        name="add_people",
    ),
    path(
        "front-door/contacts/<uuid:contact_id>/checks/new/",
        views.AddCheck.as_view(),
        name="add_check",
    ),
    path(
        "front-door/contacts/<uuid:contact_id>/decide/",
        views.DecideContact.as_view(),
        name="decide",
    ),
]
