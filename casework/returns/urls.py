from django.urls import path

from casework.returns import views

app_name = "returns"
urlpatterns = [
    path("returns/", views.index, name="index"),
    path("returns/cin-census/", views.make, name="make"),
    path("returns/runs/<uuid:run_id>/", views.run_detail, name="run"),
    path("returns/runs/<uuid:run_id>/download/", views.download, name="download"),
    path("returns/data-quality/", views.data_quality, name="data_quality"),
]
