"""GOV.UK Design System forms in plain Django.

`GovukForm` gives every field a message that names it (never a bare "This field is required"),
renders with the GOV.UK field template, and lists its errors for the error summary. `DateField`
is the GOV.UK day / month / year input. Hidden `version` and `form_token` fields carry the
nothing-lost guarantees described in `casework.common.formviews`.
"""

import datetime
import uuid
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting
from django.utils import timezone


class GovukFormRenderer(TemplatesSetting):
    form_template_name = "govuk/form.html"
    field_template_name = "govuk/field.html"


WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.FileInput: "govuk-file-upload",
    forms.TextInput: "govuk-input",
    forms.EmailInput: "govuk-input",
    forms.NumberInput: "govuk-input",
    forms.PasswordInput: "govuk-input",
    forms.DateInput: "govuk-input",
    forms.TimeInput: "govuk-input",
}


class GovukBoundField(BoundField):
    def build_widget_attrs(self, attrs: dict[str, Any], widget: Any = None) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}-hint")
        show_errors = getattr(self.form, "show_errors", True)
        if self.errors and show_errors:
            described_by.append(f"{self.auto_id}-error")
        if described_by and not isinstance(
            widget, forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            attrs["aria-describedby"] = " ".join(described_by)
        for widget_type, css in WIDGET_CLASSES.items():
            if isinstance(widget, widget_type) and not isinstance(widget, forms.HiddenInput):
                classes = [css, attrs.get("class", "")]
                if self.errors and show_errors:
                    classes.append(f"{css}--error")
                attrs["class"] = " ".join(c for c in classes if c)
                break
        return attrs


class DateWidget(forms.MultiWidget):
    """Three boxes (day, month, year) as the GOV.UK date input pattern asks."""

    template_name = "govuk/widgets/date.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "2"}),
            "month": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "2"}),
            "year": forms.TextInput(attrs={"inputmode": "numeric", "maxlength": "4"}),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date typed as day, month and year, with messages that say which part is wrong."""

    widget = DateWidget

    def __init__(self, *, allow_future: bool = True, **kwargs: Any) -> None:
        self.allow_future = allow_future
        # The parts are checked together in compress(), so its messages can say which is missing.
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        super().__init__(fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> datetime.date | None:
        if not data_list or not any(data_list):
            return None
        label = self.label.lower() if self.label else "the date"
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise forms.ValidationError(
                f"The {label} must include a {' and '.join(missing)}", code="incomplete"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"The {label} must be a real date", code="invalid")
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                f"The {label} must be a real date", code="invalid"
            ) from None
        if not self.allow_future and value > timezone.localdate():
            raise forms.ValidationError(f"The {label} must be today or in the past", code="future")
        return value


class GovukForm(forms.Form):
    """Base for every Casework form."""

    bound_field_class = GovukBoundField
    show_errors = True
    # The server's error summary names every field; the browser's own bubbles would pre-empt it.
    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = (field.label or "").lower()
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                field.error_messages.setdefault("required", f"Select {label}")
                field.error_messages["required"] = field.error_messages["required"].replace(
                    "This field is required.", f"Select {label}"
                )
            elif isinstance(field, forms.FileField):
                field.error_messages["required"] = f"Choose {label}"
            elif field.error_messages.get("required") == "This field is required.":
                field.error_messages["required"] = f"Enter {label}"
            if isinstance(field, forms.CharField) and field.max_length:
                field.error_messages["max_length"] = (
                    f"{field.label} must be {field.max_length:,} characters or fewer"
                )

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) pairs for the GOV.UK error summary, in field order."""
        items: list[tuple[str, str]] = []
        for message in self.non_field_errors():
            items.append(("", str(message)))
        for name, field in self.fields.items():
            if name in self.errors:
                bound = self[name]
                anchor = bound.auto_id
                # Link to the first box of a date, or the first option of a choice.
                grouped = DateWidget | forms.RadioSelect | forms.CheckboxSelectMultiple
                if isinstance(field.widget, grouped):
                    anchor = f"{bound.auto_id}_0"
                items.extend((anchor, str(message)) for message in self.errors[name])
        return items


class NothingLostForm(GovukForm):
    """A form whose submission changes a record: it carries a one-time token (double submission
    is harmless) and, when editing, the version the person started from."""

    form_token = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("form_token", uuid.uuid4())
