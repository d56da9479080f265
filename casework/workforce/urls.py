from django.urls import path

from casework.workforce import recruitment_views as staff
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
    path("careers/region/feed.json", views.regional_feed, name="regional_feed"),
]

# Recruitment staff's pages.
R = "workforce/recruitment"
urlpatterns += [
    path(f"{R}/questions/", staff.question_list, name="staff_questions"),
    path(f"{R}/questions/<uuid:question_id>/", staff.question_detail, name="staff_question"),
    path(
        f"{R}/questions/<uuid:question_id>/assign/", staff.assign_question, name="assign_question"
    ),
    path(
        f"{R}/questions/<uuid:question_id>/reject/", staff.reject_question, name="reject_question"
    ),
    path(
        f"{R}/questions/<uuid:question_id>/answer/",
        staff.AnswerQuestion.as_view(),
        name="answer_question",
    ),
    path(
        f"{R}/questions/<uuid:question_id>/publish/",
        staff.publish_question,
        name="publish_question",
    ),
    path(
        f"{R}/questions/<uuid:question_id>/unpublish/",
        staff.unpublish_question,
        name="unpublish_question",
    ),
    path(f"{R}/stories/", staff.story_list, name="staff_stories"),
    path(f"{R}/stories/new/", staff.NewStory.as_view(), name="new_story"),
    path(f"{R}/stories/<uuid:story_id>/", staff.story_detail, name="staff_story"),
    path(f"{R}/stories/<uuid:story_id>/edit/", staff.EditStory.as_view(), name="edit_story"),
    path(f"{R}/stories/<uuid:story_id>/approve/", staff.approve_story, name="approve_story"),
    path(f"{R}/stories/<uuid:story_id>/withdraw/", staff.withdraw_story, name="withdraw_story"),
    path(f"{R}/events/", staff.event_list, name="staff_events"),
    path(f"{R}/events/new/", staff.NewEvent.as_view(), name="new_event"),
    path(f"{R}/events/<uuid:event_id>/", staff.event_detail, name="staff_event"),
    path(
        f"{R}/events/<uuid:event_id>/attendance/",
        staff.record_attendance,
        name="record_attendance",
    ),
    path(f"{R}/events/<uuid:event_id>/cancel/", staff.cancel_event, name="cancel_event"),
    path(f"{R}/events/<uuid:event_id>/publish/", staff.publish_event, name="publish_event"),
    path(f"{R}/academy/", staff.cohort_list, name="cohorts"),
    path(f"{R}/academy/new/", staff.NewCohort.as_view(), name="new_cohort"),
    path(f"{R}/academy/<uuid:cohort_id>/", staff.cohort_detail, name="cohort"),
    path(
        f"{R}/academy/<uuid:cohort_id>/trainees/new/",
        staff.AddTrainee.as_view(),
        name="add_trainee",
    ),
    path(
        f"{R}/academy/<uuid:cohort_id>/trainees/<uuid:trainee_id>/",
        staff.ChangeTrainee.as_view(),
        name="change_trainee",
    ),
    path(
        f"{R}/academy/<uuid:cohort_id>/sessions/new/",
        staff.AddSession.as_view(),
        name="add_session",
    ),
    path(
        f"{R}/academy/<uuid:cohort_id>/sessions/<uuid:session_id>/",
        staff.session_attendance,
        name="session_attendance",
    ),
    path(f"{R}/region/", staff.region_page, name="region"),
    path(f"{R}/vacancies/", staff.vacancy_list, name="staff_vacancies"),
    path(f"{R}/vacancies/new/", staff.NewVacancy.as_view(), name="new_vacancy"),
    path(f"{R}/vacancies/<uuid:vacancy_id>/", staff.EditVacancy.as_view(), name="edit_vacancy"),
    path(f"{R}/champions/", staff.champions, name="champions"),
    path(
        f"{R}/champions/<uuid:champion_id>/active/",
        staff.champion_active,
        name="champion_active",
    ),
    path(f"{R}/pages/", staff.page_list, name="careers_pages"),
    path(f"{R}/pages/new/", staff.NewPage.as_view(), name="new_page"),
    path(f"{R}/pages/<uuid:page_id>/", staff.EditPage.as_view(), name="edit_page"),
    path(
        "workforce/applications/<uuid:application_id>/cv/",
        staff.application_cv,
        name="application_cv",
    ),
    path(
        "workforce/applications/<uuid:application_id>/start/",
        staff.StartStarter.as_view(),
        name="start_starter",
    ),
]
