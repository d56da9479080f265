from django.urls import path

from casework.workforce import views

app_name = "workforce"
urlpatterns = [
    path("workforce/", views.overview, name="overview"),
    path("workforce/teams/<uuid:team_id>/", views.team, name="team"),
    path("workforce/applications/", views.applications, name="applications"),
    path("workforce/recruitment/", views.board, name="board"),
    path("workforce/dashboard/", views.dashboard, name="dashboard"),
    path("workforce/applications/<uuid:application_id>/", views.application, name="application"),
    path("careers/", views.careers, name="careers"),
    path("careers/vacancies/", views.vacancies, name="vacancies"),
    path("careers/vacancies/<uuid:vacancy_id>/", views.vacancy, name="vacancy"),
    path("careers/vacancies/<uuid:vacancy_id>/apply/", views.apply, name="apply"),
    path("careers/vacancies/<uuid:vacancy_id>/applied/", views.applied, name="applied"),
]
urlpatterns += [
    path("careers/pages/<slug:slug>/", views.page, name="page"),
    path("careers/stories/", views.stories, name="stories"),
    path("careers/stories/<uuid:story_id>/", views.story, name="story"),
    path("careers/questions/", views.questions, name="questions"),
    path("careers/questions/sent/", views.question_sent, name="question_sent"),
    path("careers/events/", views.events, name="events"),
    path("careers/events/<uuid:event_id>/", views.event, name="event"),
    path("careers/events/<uuid:event_id>/calendar.ics", views.event_calendar, name="event_ics"),
    path("careers/bookings/<uuid:reference>/", views.booked, name="booked"),
    path("careers/bookings/<uuid:reference>/cancel/", views.cancel_booking, name="cancel_booking"),
]
