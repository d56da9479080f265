from django.urls import path

from casework.protection import views

app_name = "protection"
_P = "people/<uuid:person_id>/protection"
_PLAN = f"{_P}/plans/<uuid:record_id>"
urlpatterns = [
    path("protection/", views.trays, name="trays"),
    path(f"{_P}/", views.person_protection, name="person"),
    path(f"{_P}/strategy/new/", views.HoldStrategyDiscussion.as_view(), name="new_strategy"),
    path(f"{_P}/strategy/<uuid:record_id>/", views.strategy_detail, name="strategy"),
    path(
        f"{_P}/strategy/<uuid:record_id>/edit/",
        views.EditStrategyDiscussion.as_view(),
        name="edit_strategy",
    ),
    path(f"{_P}/s47/<uuid:record_id>/", views.section47_detail, name="s47"),
    path(
        f"{_P}/s47/<uuid:record_id>/outcome/",
        views.CompleteSection47.as_view(),
        name="complete_s47",
    ),
    path(
        f"{_P}/s47/<uuid:record_id>/authorise/",
        views.AuthoriseSection47.as_view(),
        name="authorise_s47",
    ),
    path(f"{_P}/conferences/new/", views.RecordConference.as_view(), name="new_conference"),
    path(f"{_P}/conferences/<uuid:record_id>/", views.conference_detail, name="conference"),
    path(
        f"{_P}/conferences/<uuid:record_id>/edit/",
        views.EditConference.as_view(),
        name="edit_conference",
    ),
    path(
        f"{_P}/conferences/<uuid:record_id>/finalise/",
        views.FinaliseConference.as_view(),
        name="finalise_conference",
    ),
    path(f"{_PLAN}/", views.plan_detail, name="plan"),
    path(f"{_PLAN}/edit/", views.EditPlan.as_view(), name="edit_plan"),
    path(f"{_PLAN}/actions/new/", views.AddPlanAction.as_view(), name="add_action"),
    path(f"{_PLAN}/core-groups/new/", views.RecordCoreGroup.as_view(), name="add_core_group"),
    path(
        f"{_PLAN}/core-groups/<uuid:meeting_id>/edit/",
        views.EditCoreGroup.as_view(),
        name="edit_core_group",
    ),
    path(f"{_PLAN}/visits/new/", views.RecordCPVisit.as_view(), name="add_visit"),
    path(f"{_PLAN}/visits/<uuid:visit_id>/edit/", views.EditCPVisit.as_view(), name="edit_visit"),
    path(f"{_PLAN}/birth/", views.RecordBirth.as_view(), name="record_birth"),
    path(f"{_PLAN}/end/", views.EndPlan.as_view(), name="end_plan"),
    path(
        f"{_P}/family-group-conferences/new/",
        views.RecordFamilyGroupConference.as_view(),
        name="new_fgc",
    ),
    path(f"{_P}/contexts/new/", views.LinkRiskContext.as_view(), name="new_context"),
]
