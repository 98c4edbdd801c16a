from django import forms
from django.utils.translation import gettext_lazy as _

from verbindt.collaborations.models import Form
from verbindt.core.models import Region, SchoolYear
from verbindt.maturity.models import MaturityLevel, MaturitySettings
from verbindt.maturity.scan import QUESTIONS, Question
from verbindt.network.models import Sector


class ThresholdsForm(forms.ModelForm):
    class Meta:
        model = MaturitySettings
        exclude: list[str] = []


class LevelFilterForm(forms.Form):
    """The filters of the coordinators' table; an unknown value is simply ignored."""

    year = forms.ModelChoiceField(
        SchoolYear.objects.all(),
        to_field_name="start_year",
        required=False,
        label=_("School year"),
    )
    region = forms.ModelChoiceField(
        Region.objects.none(),
        to_field_name="code",
        required=False,
        label=_("Region"),
        empty_label=_("All regions"),
    )
    level = forms.ChoiceField(
        choices=[("", _("All levels")), *MaturityLevel.choices], required=False, label=_("Level")
    )
    # As on the monitor's dashboard: schools in a collaboration of the year of this form, or
    # with an institution of this sector, so that its counts lead here.
    form = forms.ChoiceField(
        choices=[("", _("All forms")), *Form.choices], required=False, label=_("Form")
    )
    sector = forms.ChoiceField(
        choices=[("", _("All sectors")), *Sector.choices],
        required=False,
        label=_("Sector of the institution"),
    )
    q = forms.CharField(required=False, label=_("Search"), max_length=100)

    def __init__(self, *args, regions, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class ScanForm(forms.Form):
    """The questionnaire as a form; every question may be left open and answered later."""

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        for q in QUESTIONS:
            self.fields[q.code] = _field(q)


def _field(q: Question) -> forms.Field:
    common = {"label": q.text, "required": False, "help_text": q.help}
    if q.kind == "multiple":
        return forms.MultipleChoiceField(
            choices=q.choices, widget=forms.CheckboxSelectMultiple, **common
        )
    if q.kind == "single":
        return forms.ChoiceField(choices=q.choices, widget=forms.RadioSelect, **common)
    if q.kind == "number":
        return forms.IntegerField(min_value=0, max_value=100_000, **common)
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=2000, **common)
