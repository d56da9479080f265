from django.urls import path

from casework.people import views

app_name = "people"
urlpatterns = [
    path("people/", views.person_list, name="list"),
    path("people/<uuid:person_id>/", views.person_detail, name="detail"),
]
