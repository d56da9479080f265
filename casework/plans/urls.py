from django.urls import path

from casework.plans import views

app_name = "plans"
_PLAN = "people/<uuid:person_id>/plans/<uuid:plan_id>"
urlpatterns = [
    path("people/<uuid:person_id>/plans/", views.person_plans, name="person"),
    path("people/<uuid:person_id>/plans/new/", views.StartPlan.as_view(), name="start"),
    path(f"{_PLAN}/", views.plan_detail, name="plan"),
    path(f"{_PLAN}/goals/new/", views.AddGoal.as_view(), name="add_goal"),
    path(
        f"{_PLAN}/goals/<uuid:goal_id>/actions/new/",
        views.AddAction.as_view(),
        name="add_action",
    ),
    path(f"{_PLAN}/actions/<uuid:action_id>/edit/", views.EditAction.as_view(), name="edit_action"),
    path(f"{_PLAN}/approve/", views.ApprovePlan.as_view(), name="approve"),
    path(f"{_PLAN}/reviews/new/", views.RecordReview.as_view(), name="add_review"),
    path("people/<uuid:person_id>/visits/", views.person_visits, name="visits"),
    path("people/<uuid:person_id>/visits/new/", views.RecordVisit.as_view(), name="add_visit"),
    path("people/<uuid:person_id>/visits/<uuid:visit_id>/", views.visit_detail, name="visit"),
    path(
        "people/<uuid:person_id>/visits/<uuid:visit_id>/edit/",
        views.EditVisit.as_view(),
        name="edit_visit",
    ),
]
