from decimal import Decimal
from typing import Any

from django import forms

from casework.accounts.models import Team, User
from casework.common.forms import DateField, GovukForm, NothingLostForm
from casework.workforce.models import (
    CV_MAX_BYTES,
    Champion,
    Ethnicity,
    Event,
    OrgRole,
    Story,
    Trainee,
)

PREFER_NOT = ("prefer_not", "Prefer not to say")


class ForecastForm(GovukForm):
    """The questions on the team caseload page: what target, and how many new starters."""

    target = forms.DecimalField(
        label="Target weighted caseload per FTE",
        min_value=Decimal(1),
        max_value=Decimal(100),
        decimal_places=2,
        required=False,
    )
    starters = forms.IntegerField(
        label="New full-time starters", min_value=0, max_value=50, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].error_messages.update(
            {
                "invalid": "Target weighted caseload must be a number, like 18",
                "min_value": "Target weighted caseload must be 1 or more",
                "max_value": "Target weighted caseload must be 100 or less",
                "max_decimal_places": "Target weighted caseload can have up to 2 decimal places",
            }
        )
        self.fields["starters"].error_messages.update(
            {
                "invalid": "New starters must be a whole number, like 2",
                "min_value": "New starters must be 0 or more",
                "max_value": "New starters must be 50 or fewer",
            }
        )


class StartersForm(GovukForm):
    """The dashboard's question: what would this many new starters in each team do?"""

    starters = forms.IntegerField(
        label="New full-time starters in each team",
        min_value=0,
        max_value=50,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}),
        error_messages={
            "invalid": "New starters must be a whole number, like 2",
            "min_value": "New starters must be 0 or more",
            "max_value": "New starters must be 50 or fewer",
        },
    )


class ApplicationForm(GovukForm):
    name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    phone = forms.CharField(label="Phone number (optional)", max_length=40, required=False)
    swe_number = forms.CharField(
        label="Social Work England registration number (optional)",
        max_length=12,
        required=False,
        help_text="Two letters then ten digits, like SW1234567890",
    )
    statement = forms.CharField(
        label="Supporting statement",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Why you want this job and how you meet what it asks for",
    )
    cv = forms.FileField(
        label="Your CV",
        help_text="PDF, Word, OpenDocument, RTF or plain text, smaller than 5MB",
        max_length=200,
    )
    consent = forms.BooleanField(
        label="I agree that the council may use these details to consider my application, and "
        "will delete them six months after the recruitment ends",
        error_messages={
            "required": "Confirm that we may use your details to consider your application"
        },
    )
    ethnicity = forms.ChoiceField(
        label="Ethnic group (optional, kept separately from your application)",
        choices=[("", "Choose an answer"), *Ethnicity.choices[:-2], PREFER_NOT],
        required=False,
    )
    gender = forms.ChoiceField(
        label="Gender (optional, kept separately from your application)",
        choices=[
            ("", "Choose an answer"),
            ("female", "Female"),
            ("male", "Male"),
            ("other", "In another way"),
            PREFER_NOT,
        ],
        required=False,
    )
    disabled = forms.ChoiceField(
        label="Do you consider yourself disabled? (optional, kept separately)",
        choices=[("", "Choose an answer"), ("yes", "Yes"), ("no", "No"), PREFER_NOT],
        required=False,
    )
    age_band = forms.ChoiceField(
        label="Age (optional, kept separately)",
        choices=[
            ("", "Choose an answer"),
            ("16-24", "16 to 24"),
            ("25-34", "25 to 34"),
            ("35-44", "35 to 44"),
            ("45-54", "45 to 54"),
            ("55+", "55 or over"),
            PREFER_NOT,
        ],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["cv"].error_messages.update(
            {
                "required": "Choose your CV to upload",
                "empty": "The CV file is empty",
                "max_length": "The CV's file name must be 200 characters or fewer",
            }
        )

    def clean_cv(self) -> Any:
        cv = self.cleaned_data.get("cv")
        if cv is not None and cv.size > CV_MAX_BYTES:
            raise forms.ValidationError("The CV must be smaller than 5MB")
        return cv


class QuestionForm(GovukForm):
    text = forms.CharField(
        label="Your question",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Do not include anything that identifies a child or family",
    )
    asked_by = forms.CharField(
        label="Your first name (optional)",
        max_length=120,
        required=False,
        help_text="Shown with your question if it is published",
    )


class BookingForm(GovukForm):
    name = forms.CharField(label="Your name", max_length=200)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We send your confirmation and calendar file here",
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )


class StageForm(GovukForm):
    stage = forms.ChoiceField(label="Move to")
    start_date = DateField(label="Agreed start date", required=False)

    def __init__(self, *args: Any, current: str = "", **kwargs: Any) -> None:
        from casework.workforce.models import Application

        super().__init__(*args, **kwargs)
        stage: Any = self.fields["stage"]
        stage.choices = [("", "Choose a stage")] + [
            (value, label) for value, label in Application.Stage.choices if value != current
        ]
        self.fields["stage"].error_messages["required"] = "Select the stage to move to"


# Staff pages for recruitment -------------------------------------------------------------------


class TickBox(forms.MultipleChoiceField):
    """One GOV.UK checkbox under a legend, cleaned to True or False. Django's own single
    checkbox renders without the GOV.UK checkbox styles."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, legend: str, label: str, **kwargs: Any) -> None:
        super().__init__(choices=[("yes", label)], label=legend, required=False, **kwargs)

    def prepare_value(self, data: Any) -> Any:
        if data is True:
            return ["yes"]
        if data in (False, None):
            return []
        return data

    def clean(self, value: Any) -> bool:
        return "yes" in (super().clean(value) or [])


class AssignForm(GovukForm):
    champion = forms.ModelChoiceField(
        label="Champion", queryset=Champion.objects.none(), empty_label="Choose a champion"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["champion"]
        field.queryset = Champion.objects.filter(active=True).order_by("name")
        field.error_messages["required"] = "Choose the champion who will answer"
        field.error_messages["invalid_choice"] = "Choose a champion from the list"


class AnswerForm(NothingLostForm):
    answer = forms.CharField(
        label="The champion's answer",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Published with the question, under the champion's name",
    )


class PublishForm(GovukForm):
    share_with_region = TickBox(
        legend="The region",
        label="Share the question and answer with the other councils in the region",
    )


class StoryForm(NothingLostForm):
    title = forms.CharField(label="Title", max_length=200)
    told_by = forms.CharField(
        label="Told by", max_length=120, help_text="As it should appear, like Aisha, social worker"
    )
    teller = forms.ChoiceField(
        label="Who is telling it", choices=Story.Teller.choices, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label="The story", max_length=20_000, widget=forms.Textarea(attrs={"rows": 12})
    )
    video_url = forms.URLField(
        label="Video link (optional)",
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text="A link starting https://",
        error_messages={"invalid": "Enter the video link as a web address, like https://..."},
    )
    transcript = forms.CharField(
        label="Transcript of the video",
        max_length=20_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Needed with a video, for people who cannot watch or hear it",
    )
    consent_given_on = DateField(
        label="Date the teller consented",
        required=False,
        allow_future=False,
        help_text="The story cannot be published until this is recorded. For example, 27 3 2026",
    )
    shared_with_region = TickBox(
        legend="The region", label="Offer this story to the other councils in the region"
    )


TIME_FORMATS = ["%H:%M", "%H.%M", "%H%M"]


class TimeField(forms.TimeField):
    def __init__(self, *, label: str, **kwargs: Any) -> None:
        super().__init__(
            label=label,
            input_formats=TIME_FORMATS,
            help_text="In 24-hour time, like 18:00",
            widget=forms.TextInput(attrs={"class": "govuk-input--width-5", "inputmode": "text"}),
            error_messages={
                "invalid": f"Enter the {label.lower()} in 24-hour time, like 18:00",
                "required": f"Enter the {label.lower()}",
            },
            **kwargs,
        )


class EventForm(NothingLostForm):
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(
        label="What happens", max_length=5_000, widget=forms.Textarea(attrs={"rows": 5})
    )
    format = forms.ChoiceField(
        label="Online or in person", choices=Event.Format.choices, widget=forms.RadioSelect
    )
    location = forms.CharField(
        label="Where", max_length=300, help_text="An address, or how people join online"
    )
    starts_on = DateField(label="First day")
    start_time = TimeField(label="Start time")
    ends_on = DateField(label="Last day", help_text="The same as the first day for a one-off")
    end_time = TimeField(label="End time")
    daily = TickBox(
        legend="Over several days",
        label="Open the same hours each day (a drop-in), not all the way through",
    )
    capacity = forms.IntegerField(
        label="Places",
        min_value=1,
        max_value=10_000,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
        error_messages={
            "invalid": "Enter the number of places as a whole number, like 60",
            "min_value": "The event needs at least one place",
            "max_value": "Enter 10,000 places or fewer",
        },
    )
    published = TickBox(legend="Careers site", label="Show it on the careers site now")


class CancelEventForm(GovukForm):
    reason = forms.CharField(
        label="Why it is cancelled",
        max_length=2_000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Sent to everyone with a place, with an apology",
    )


class AttendanceForm(GovukForm):
    attended = forms.MultipleChoiceField(
        label="Who came", required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, bookings: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["attended"]
        field.choices = [(str(b.pk), f"{b.name} ({b.email})") for b in bookings]
        field.error_messages["invalid_choice"] = "Tick only people who booked this event"


class CohortForm(NothingLostForm):
    name = forms.CharField(label="Name", max_length=120, help_text="Like Academy cohort 3")
    starts_on = DateField(label="Start date")
    ends_on = DateField(label="End date")


class _MentorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        team = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.display_name}{team}"


def _mentor_field() -> _MentorChoice:
    return _MentorChoice(
        label="One-to-one mentor",
        queryset=User.objects.none(),
        required=False,
        empty_label="No mentor yet",
        error_messages={"invalid_choice": "Choose a mentor from the list"},
    )


class TraineeForm(NothingLostForm):
    name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="Their application for a job is matched to the academy by this address",
        error_messages={
            "invalid": "Enter an email address in the right format, like name@example.com"
        },
    )
    mentor = _mentor_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from casework.workforce.selectors import mentors

        super().__init__(*args, **kwargs)
        field: Any = self.fields["mentor"]
        field.queryset = mentors().select_related("team")


class TraineeChangeForm(NothingLostForm):
    mentor = _mentor_field()
    completed_on = DateField(
        label="Date they completed the academy",
        required=False,
        allow_future=False,
        help_text="Completing guarantees them an interview for any vacancy",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from casework.workforce.selectors import mentors

        super().__init__(*args, **kwargs)
        field: Any = self.fields["mentor"]
        field.queryset = mentors().select_related("team")


class SessionForm(NothingLostForm):
    title = forms.CharField(label="What the session is about", max_length=200)
    held_on = DateField(label="Date")


class SessionAttendanceForm(GovukForm):
    attended_by = forms.ModelMultipleChoiceField(
        label="Who came",
        queryset=Trainee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Tick only trainees in this cohort"},
    )

    def __init__(self, *args: Any, cohort: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["attended_by"]
        field.queryset = Trainee.objects.filter(cohort=cohort).order_by("name")


class StarterForm(NothingLostForm):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    username = forms.CharField(
        label="Username",
        max_length=50,
        help_text="For their account, like sam.new. An administrator sets up their sign-in",
    )
    team = forms.ModelChoiceField(
        label="Team", queryset=Team.objects.none(), empty_label="Choose their team"
    )
    fte = forms.DecimalField(
        label="Full-time equivalent",
        min_value=Decimal("0.01"),
        max_value=Decimal(1),
        decimal_places=2,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-4", "inputmode": "decimal"}),
        help_text="1 for full time, 0.6 for three days a week",
        error_messages={
            "invalid": "Enter the full-time equivalent as a number, like 0.8",
            "min_value": "Full-time equivalent must be more than 0",
            "max_value": "Full-time equivalent must be 1 or less",
            "max_decimal_places": "Full-time equivalent can have up to 2 decimal places",
        },
    )
    org_role = forms.ChoiceField(label="Role for the census", choices=OrgRole.choices)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["team"]
        field.queryset = Team.objects.filter(is_front_door=False).order_by("name")


class VacancyForm(NothingLostForm):
    title = forms.CharField(label="Job title", max_length=200)
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.none(),
        required=False,
        empty_label="No one team",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )
    grade = forms.CharField(label="Grade (optional)", max_length=60, required=False)
    salary = forms.CharField(
        label="Salary", max_length=120, help_text="As applicants should see it, like £37,000"
    )
    location = forms.CharField(label="Where it is based", max_length=200)
    fte = forms.DecimalField(
        label="Full-time equivalent",
        min_value=Decimal("0.01"),
        max_value=Decimal(1),
        decimal_places=2,
        help_text="1 for full time",
        error_messages={
            "invalid": "Enter the full-time equivalent as a number, like 0.8",
            "min_value": "Full-time equivalent must be more than 0",
            "max_value": "Full-time equivalent must be 1 or less",
            "max_decimal_places": "Full-time equivalent can have up to 2 decimal places",
        },
    )
    opened_on = DateField(label="Advert opens")
    closes_on = DateField(label="Closing date")
    description = forms.CharField(
        label="Description", max_length=20_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    status = forms.ChoiceField(
        label="Where the vacancy is",
        choices=[
            ("draft", "Draft: not on the careers site"),
            ("open", "Open: on the careers site until the closing date"),
            ("closed", "Closed: the advert has closed, or the post was withdrawn"),
            ("filled", "Filled"),
        ],
        widget=forms.RadioSelect,
    )
    ended_on = DateField(
        label="Date the post was filled or withdrawn",
        required=False,
        help_text="The census counts a post as vacant until this date",
    )
    social_work_post = TickBox(
        legend="The workforce census", label="A social work post, counted as a vacancy"
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["team"]
        field.queryset = Team.objects.filter(is_front_door=False).order_by("name")


class ChampionForm(GovukForm):
    name = forms.CharField(label="Name", max_length=120, help_text="As the public will see it")
    job_title = forms.CharField(label="Job title", max_length=120)
    user = _MentorChoice(
        label="Their account (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not linked to an account",
        error_messages={"invalid_choice": "Choose a social worker or manager from the list"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from casework.workforce.selectors import mentors

        super().__init__(*args, **kwargs)
        field: Any = self.fields["user"]
        field.queryset = mentors().select_related("team")


class CareersPageForm(NothingLostForm):
    title = forms.CharField(label="Title", max_length=200)
    slug = forms.CharField(
        label="Web address",
        max_length=60,
        help_text="The end of the page's address, like why-work-here",
    )
    summary = forms.CharField(
        label="Summary (optional)",
        max_length=300,
        required=False,
        help_text="One line, shown under the link on the careers home page",
    )
    body = forms.CharField(
        label="The page",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Leave a blank line between paragraphs",
    )
    order = forms.IntegerField(
        label="Position on the careers home page",
        min_value=0,
        max_value=100,
        initial=0,
        error_messages={"invalid": "Enter the position as a whole number, like 1"},
    )
    published = TickBox(legend="Careers site", label="Show this page on the careers site")
