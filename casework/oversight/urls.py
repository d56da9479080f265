from django.urls import path

from casework.oversight import supervision_views, views

app_name = "oversight"
urlpatterns = [
    path("people/<uuid:person_id>/decisions/", views.person_decisions, name="person_decisions"),
]

urlpatterns += [
    path("supervision/", supervision_views.supervisions, name="supervisions"),
    path(
        "supervision/new/", supervision_views.RecordSupervision.as_view(), name="record_supervision"
    ),
    path(
        "supervision/<uuid:supervision_id>/",
        supervision_views.supervision_detail,
        name="supervision",
    ),
    path(
        "people/<uuid:person_id>/directions/<uuid:direction_id>/done/",
        supervision_views.CompleteDirection.as_view(),
        name="complete_direction",
    ),
]
