from django.urls import path

from casework.oversight import views

app_name = "oversight"
urlpatterns = [
    path("people/<uuid:person_id>/decisions/", views.person_decisions, name="person_decisions"),
]
