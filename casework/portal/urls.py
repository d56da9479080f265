from django.urls import path

from casework.portal import views

app_name = "portal"
urlpatterns = [
    # Staff: sharing from the child's record.
    path("people/<uuid:person_id>/sharing/", views.person_sharing, name="person_sharing"),
    path(
        "people/<uuid:person_id>/sharing/accounts/new/",
        views.InviteFamilyMember.as_view(),
        name="invite",
    ),
    path(
        "people/<uuid:person_id>/sharing/accounts/<uuid:member_id>/remove/",
        views.remove_account,
        name="remove_account",
    ),
    path(
        "people/<uuid:person_id>/documents/<uuid:document_id>/versions/<int:number>/share/",
        views.ShareVersion.as_view(),
        name="share_version",
    ),
    path(
        "people/<uuid:person_id>/sharing/<uuid:share_id>/approve/",
        views.ApproveShare.as_view(),
        name="approve_share",
    ),
    path(
        "people/<uuid:person_id>/sharing/<uuid:share_id>/withdraw/",
        views.withdraw_share,
        name="withdraw_share",
    ),
    path(
        "people/<uuid:person_id>/documents/<uuid:document_id>/versions/<int:number>/redact/",
        views.RedactVersion.as_view(),
        name="redact",
    ),
    path("people/<uuid:person_id>/sharing/prepare/", views.prepare_list, name="prepare_list"),
    path(
        "people/<uuid:person_id>/sharing/prepare/<slug:source>/<uuid:record_id>/",
        views.prepare,
        name="prepare",
    ),
    path("people/<uuid:person_id>/sharing/dates/new/", views.ShowDate.as_view(), name="show_date"),
    path(
        "people/<uuid:person_id>/sharing/dates/<uuid:date_id>/stop/",
        views.stop_date,
        name="stop_date",
    ),
    path(
        "people/<uuid:person_id>/sharing/meetings/<uuid:meeting_id>/show/",
        views.ShowMeeting.as_view(),
        name="show_meeting",
    ),
    path("sharing-rules/", views.ApprovalRules.as_view(), name="approval_rules"),
    path("family-tray/", views.tray, name="tray"),
    path(
        "people/<uuid:person_id>/from-family/<uuid:contribution_id>/",
        views.contribution,
        name="contribution",
    ),
    path(
        "people/<uuid:person_id>/from-family/<uuid:contribution_id>/file/",
        views.contribution_file,
        name="contribution_file",
    ),
    # The family portal.
    path("family/", views.home, name="home"),
    path("family/invitation/<str:token>/", views.invitation, name="invitation"),
    path("family/sign-in/", views.sign_in, name="sign_in"),
    path("family/sign-in/<uuid:challenge_id>/", views.code, name="code"),
    path("family/sign-out/", views.sign_out, name="sign_out"),
    path("family/shared/<uuid:share_id>/", views.shared, name="shared"),
    path("family/shared/<uuid:share_id>/download/", views.download, name="download"),
    path("family/shared/<uuid:share_id>/views/", views.add_views, name="add_views"),
    path(
        "family/shared/<uuid:share_id>/actions/<uuid:action_id>/done/",
        views.mark_done,
        name="mark_done",
    ),
    path("family/coming-up/<uuid:date_id>/views/", views.date_views, name="date_views"),
    path("family/upload/", views.upload, name="upload"),
]
