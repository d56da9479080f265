from django import forms
from django.contrib import admin
from django.http import HttpRequest

from casework.common.models import BankHoliday, ClockSetting
from casework.lib.clock import RULES, describe_amount


@admin.register(BankHoliday)
class BankHolidayAdmin(admin.ModelAdmin):
    list_display = ("date", "name", "added_by_hand")
    list_filter = ("added_by_hand",)
    search_fields = ("name",)
    date_hierarchy = "date"
    fields = ("date", "name", "added_by_hand")
    readonly_fields = ("added_by_hand",)

    def save_model(
        self, request: HttpRequest, obj: BankHoliday, form: forms.ModelForm, change: bool
    ) -> None:
        # Marking admin edits lets the seeding command tell them apart from package data, and a
        # person's decision about a date should outrank the package's.
        obj.added_by_hand = True
        super().save_model(request, obj, form, change)


def _local_rule_choices() -> list[tuple[str, str]]:
    return [
        (code, f"{rule.title} ({code}, national default {describe_amount(rule.amount, rule.unit)})")
        for code, rule in sorted(RULES.items())
        if rule.local
    ]


class ClockSettingForm(forms.ModelForm):
    class Meta:
        model = ClockSetting
        fields = ("rule_code", "amount")
        widgets = {"rule_code": forms.Select(choices=_local_rule_choices())}
        help_texts = {
            "rule_code": "Only local-practice clocks can be changed; statutory ones are fixed.",
            "amount": "In the rule's own unit (working days, weeks or months).",
        }

    def clean_rule_code(self) -> str:
        code: str = self.cleaned_data["rule_code"]
        rule = RULES.get(code)
        if rule is None:
            raise forms.ValidationError(f"{code!r} is not a clock rule.")
        if not rule.local:
            raise forms.ValidationError(
                f"{rule.title} is set by {rule.source}, so this council cannot change it."
            )
        return code

    def clean_amount(self) -> int:
        amount: int = self.cleaned_data["amount"]
        if amount < 1:
            raise forms.ValidationError("A clock must run for at least 1.")
        return amount


@admin.register(ClockSetting)
class ClockSettingAdmin(admin.ModelAdmin):
    form = ClockSettingForm
    list_display = ("rule_code", "rule_title", "amount", "national_default", "updated_at")

    @admin.display(description="Rule")
    def rule_title(self, obj: ClockSetting) -> str:
        rule = RULES.get(obj.rule_code)
        return rule.title if rule else "(not a rule)"

    @admin.display(description="National default")
    def national_default(self, obj: ClockSetting) -> str:
        rule = RULES.get(obj.rule_code)
        return describe_amount(rule.amount, rule.unit) if rule else ""
