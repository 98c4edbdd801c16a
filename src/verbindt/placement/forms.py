from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbindt.network.models import Organisation
from verbindt.placement.models import AllocationRound, RoundPlace, RoundStudent


class RoundForm(forms.ModelForm):
    schools = forms.ModelMultipleChoiceField(
        label=_("Schools"), queryset=Organisation.objects.none(), widget=forms.SelectMultiple
    )

    class Meta:
        model = AllocationRound
        fields = [
            "title",
            "school_year",
            "form",
            "schools",
            "mode",
            "max_km",
            "max_choices",
            "seed",
        ]
        widgets = {"mode": forms.RadioSelect}

    def __init__(self, *args: Any, schools: Any, school_years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # what a round is for is fixed once it has students and places
            for name in ("school_year", "form", "schools"):
                del self.fields[name]
        else:
            self.fields["schools"].queryset = schools
            self.fields["school_year"].queryset = school_years


class PlaceForm(forms.ModelForm):
    class Meta:
        model = RoundPlace
        fields = ["organisation", "label", "capacity", "requires_guardian_consent"]

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class StudentForm(forms.ModelForm):
    class Meta:
        model = RoundStudent
        fields = ["name", "group", "study_year", "guardian_consent", "duo_with"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["duo_with"].queryset = self.instance.round.students.exclude(
                pk=self.instance.pk
            )
        else:
            del self.fields["duo_with"]  # a duo is made between students already in the round


class ImportForm(forms.Form):
    text = forms.CharField(
        label=_("Students"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One student per line: name or code;group;year — e.g. L01;3B;3."),
    )


class PreferencesForm(forms.Form):
    """One select per rank; the first is the favourite."""

    def __init__(self, *args: Any, places: Any, count: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— no choice —")), *((str(p.pk), str(p)) for p in places)]
        for n in range(1, count + 1):
            self.fields[f"choice_{n}"] = forms.TypedChoiceField(
                label=_("Choice %(n)s") % {"n": n},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )

    def place_ids(self) -> list[int | None]:
        return [self.cleaned_data[name] for name in self.fields]


class AdjustForm(forms.Form):
    student = forms.ModelChoiceField(
        label=_("Student"), queryset=RoundStudent.objects.none(), empty_label=_("— choose —")
    )
    place = forms.ModelChoiceField(
        label=_("New place"),
        queryset=RoundPlace.objects.none(),
        required=False,
        empty_label=_("— not placed —"),
    )
    confirm = forms.BooleanField(
        label=_("Keep it, even if it creates a blocking pair"), required=False
    )

    def __init__(self, *args: Any, allocation_round: AllocationRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = allocation_round.students.all()
        self.fields["place"].queryset = allocation_round.places.select_related("organisation")
