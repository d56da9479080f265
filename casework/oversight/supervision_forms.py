from typing import Any

from django import forms

from casework.accounts.models import Role, User
from casework.cases.models import Allocation
from casework.common.forms import DateField, NothingLostForm
from casework.people.models import Person

DIRECTION_SLOTS = 3


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class SupervisionForm(NothingLostForm):
    """A session and up to three case directions. Empty direction rows are ignored."""

    worker = WorkerChoiceField(label="Worker supervised", queryset=User.objects.none())
    held_on = DateField(
        label="Date of the session", help_text="For example, 27 3 2026", allow_future=False
    )
    discussion = forms.CharField(
        label="Reflective discussion",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=50_000,
        help_text="What was discussed, the worker's reflections, and their wellbeing.",
    )

    def __init__(self, *args: Any, team_id: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = User.objects.filter(  # type: ignore[attr-defined]
            team_id=team_id, role=Role.SOCIAL_WORKER, is_active=True
        ).order_by("first_name", "last_name")
        children = Person.objects.filter(
            pk__in=Allocation.objects.filter(team_id=team_id, ended_on__isnull=True).values(
                "person_id"
            )
        ).order_by("family_name", "given_name")
        for slot in range(1, DIRECTION_SLOTS + 1):
            self.fields[f"direction_{slot}_person"] = forms.ModelChoiceField(
                label=f"Direction {slot}: child",
                queryset=children,
                required=False,
                empty_label="Select a child",
            )
            self.fields[f"direction_{slot}"] = forms.CharField(
                label=f"Direction {slot}: what to do",
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
                required=False,
            )
            self.fields[f"direction_{slot}_due_on"] = DateField(
                label=f"Direction {slot}: due by", required=False
            )
            self.fields[f"direction_{slot}"].error_messages["max_length"] = (
                f"Direction {slot} must be 5,000 characters or fewer"
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for slot in range(1, DIRECTION_SLOTS + 1):
            person = data.get(f"direction_{slot}_person")
            text = (data.get(f"direction_{slot}") or "").strip()
            due_on = data.get(f"direction_{slot}_due_on")
            if not (person or text or due_on):
                continue
            if person is None:
                self.add_error(f"direction_{slot}_person", f"Select the child for direction {slot}")
            if not text:
                self.add_error(f"direction_{slot}", f"Enter what to do for direction {slot}")
            if due_on is None and f"direction_{slot}_due_on" not in self.errors:
                self.add_error(f"direction_{slot}_due_on", f"Enter when direction {slot} is due")
        return data

    def directions(self) -> list[tuple[Person, str, Any]]:
        data = self.cleaned_data
        return [
            (
                data[f"direction_{slot}_person"],
                data[f"direction_{slot}"],
                data[f"direction_{slot}_due_on"],
            )
            for slot in range(1, DIRECTION_SLOTS + 1)
            if data.get(f"direction_{slot}_person")
        ]


class CompleteDirectionForm(NothingLostForm):
    done_on = DateField(
        label="Date it was done", help_text="For example, 27 3 2026", allow_future=False
    )
