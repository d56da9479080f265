from decimal import Decimal
from typing import Any

from django import forms

from casework.common.forms import DateField, GovukForm
from casework.workforce.models import CV_MAX_BYTES, Ethnicity

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
