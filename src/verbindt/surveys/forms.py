from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from verbindt.core.models import Region
from verbindt.network.models import OrganisationKind
from verbindt.surveys.models import SCALE, Campaign, Question, QuestionKind


class CampaignForm(forms.ModelForm):
    start = forms.ChoiceField(
        label=_("Start with"),
        choices=[
            ("template", _("the questions of the national day (you can change them)")),
            ("empty", _("an empty questionnaire")),
        ],
        initial="template",
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Campaign
        fields = ["title", "intro", "school_year", "region", "closes_on"]
        widgets = {
            "intro": forms.Textarea(attrs={"rows": 4}),
            "closes_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, school_years: Any, region: Region | None, **kwargs: Any):
        """``region``: a regional coordinator's own region, which the campaign is fixed to."""
        super().__init__(*args, **kwargs)
        if self.instance.pk:  # what a campaign is about is fixed once it exists
            for name in ("start", "school_year", "region"):
                del self.fields[name]
            return
        self.fields["school_year"].queryset = school_years
        if region is not None:
            del self.fields["region"]
        else:
            self.fields["region"].empty_label = _("National (all regions)")


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind of question"), choices=QuestionKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(label=_("Question"), max_length=300)
    choices = forms.CharField(
        label=_("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One per line; only for single and multiple choice."),
    )
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    breakdown = forms.BooleanField(
        label=_("Break the results down by this question"),
        required=False,
        help_text=_("Only for single choice, e.g. “which group are you in”."),
    )

    @classmethod
    def initial_for(cls, question: Question) -> dict[str, Any]:
        return {
            "kind": question.kind,
            "text": question.text,
            "choices": "\n".join(c["label"] for c in question.choices),
            "required": question.required,
            "breakdown": question.breakdown,
        }

    def clean_choices(self) -> list[str]:
        return self.cleaned_data["choices"].splitlines()


class OrganisationFilterForm(forms.Form):
    """Filters of the organisations to ask; an unknown value is ignored."""

    q = forms.CharField(label=_("Name or place"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *OrganisationKind.choices],
    )
    region = forms.ModelChoiceField(
        Region.objects.all(),
        to_field_name="code",
        label=_("Region"),
        required=False,
        empty_label=_("All regions"),
    )

    def values(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        region = self.cleaned_data["region"]
        return {
            "q": self.cleaned_data["q"].strip(),
            "kind": self.cleaned_data["kind"],
            "region": region.code if region else "",
        }


class ResponseForm(forms.Form):
    """The questionnaire; nothing is required here, so that a half-filled one can be saved —
    the service says which answers a submission still needs."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[question.field_name] = _field(question, number)

    def answers(self) -> dict[int, Any]:
        return {q.pk: self.cleaned_data.get(q.field_name) for q in self.questions}


def _field(question: Question, number: int) -> forms.Field:
    common: dict[str, Any] = {
        "label": f"{number}. {question.text}",
        "required": False,
        "help_text": _("Required") if question.required else "",
    }
    options = [(c["code"], c["label"]) for c in question.choices]
    if question.kind == QuestionKind.SINGLE:
        return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
    if question.kind == QuestionKind.MULTIPLE:
        return forms.MultipleChoiceField(
            choices=options, widget=forms.CheckboxSelectMultiple, **common
        )
    if question.kind == QuestionKind.SCALE:
        common["help_text"] = " · ".join(
            str(t) for t in (common["help_text"], _("1 = very little, 5 = very much")) if t
        )
        return forms.TypedChoiceField(
            choices=[(n, str(n)) for n in SCALE],
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect(attrs={"class": "scale"}),
            **common,
        )
    return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
