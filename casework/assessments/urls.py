from django.urls import path

from casework.assessments import views

app_name = "assessments"
urlpatterns = [
    path("people/<uuid:person_id>/assessments/", views.person_assessments, name="person"),
    path(
        "people/<uuid:person_id>/assessments/new/",
        views.StartAssessment.as_view(),
        name="start",
    ),
    path("assessments/<uuid:assessment_id>/", views.assessment_detail, name="detail"),
    path("assessments/<uuid:assessment_id>/edit/", views.EditAssessment.as_view(), name="edit"),
    path(
        "assessments/<uuid:assessment_id>/submit/",
        views.SubmitAssessment.as_view(),
        name="submit",
    ),
    path(
        "assessments/<uuid:assessment_id>/review/",
        views.ReviewAssessment.as_view(),
        name="review",
    ),
]
