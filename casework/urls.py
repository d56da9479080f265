from django.contrib import admin
from django.urls import include, path

from casework.api.api import api
from casework.common import views as common_views

urlpatterns = [
    path("", common_views.home, name="home"),
    path("healthz", common_views.healthz, name="healthz"),
    path("", include("casework.accounts.urls")),
    path("", include("casework.people.urls")),
    path("", include("casework.cases.urls")),
    path("", include("casework.oversight.urls")),
    path("", include("casework.frontdoor.urls")),
    path("", include("casework.assessments.urls")),
    path("", include("casework.workforce.urls")),
    path("", include("casework.plans.urls")),
    path("", include("casework.meetings.urls")),
    path("", include("casework.protection.urls")),
    path("", include("casework.portal.urls")),
    path("", include("casework.audit.urls")),
    path("", include("casework.returns.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

handler400 = "casework.common.views.bad_request"
handler403 = "casework.common.views.permission_denied"
handler404 = "casework.common.views.page_not_found"
handler500 = "casework.common.views.server_error"
