from django import forms

from casework.common.forms import GovukForm
from casework.returns.cin.years import FIRST_YEAR, LAST_YEAR, CensusYear


def year_choices() -> list[tuple[str, str]]:
    return [
        (str(year), f"{CensusYear(year).label} (1 April {year - 1} to 31 March {year})")
        for year in range(LAST_YEAR, FIRST_YEAR - 1, -1)
    ]


class MakeCensusForm(GovukForm):
    year = forms.ChoiceField(
        label="Which census?",
        choices=year_choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the census year",
            "invalid_choice": "Select the census year",
        },
    )


class QualityYearForm(GovukForm):
    year = forms.ChoiceField(label="Census", choices=year_choices, required=False)
