from django.urls import path

from casework.audit import views

app_name = "audit"
urlpatterns = [path("audit/people/<uuid:person_id>/", views.person_trail, name="person_trail")]
