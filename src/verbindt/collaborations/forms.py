import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from verbindt.collaborations.models import (
    Agreement,
    AlignmentAspect,
    AlignmentStatus,
    Bottleneck,
    Collaboration,
    ContactLogEntry,
    Evaluation,
    Form,
    PartnerRole,
    Status,
    YearPlan,
)
from verbindt.core.models import SchoolYear
from verbindt.network.models import Contact, Elective, Location, Organisation, Qualification

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class CollaborationEditForm(forms.ModelForm):
    school_years = forms.ModelMultipleChoiceField(
        label=_("School years"),
        queryset=SchoolYear.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    bottlenecks = forms.MultipleChoiceField(
        label=_("What holds it back"),
        choices=Bottleneck.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    # Named like the relation; defined last because the name hides the ``forms`` module here.
    forms = forms.MultipleChoiceField(
        label=_("Forms"), choices=Form.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Collaboration
        fields = ["title", "description", "origin", "bottlenecks", "forms", "school_years"]

    def __init__(self, *args: Any, school_years: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_years"].queryset = school_years
        if self.instance.pk:
            self.initial["forms"] = list(self.instance.forms.values_list("form", flat=True))


class CollaborationCreateForm(CollaborationEditForm):
    """A new collaboration: the user's own organisation and up to three partners."""

    own_role = forms.ChoiceField(
        label=_("Role of your organisation"), choices=PartnerRole.choices, initial="initiator"
    )

    def __init__(self, *args: Any, partners: Any, with_own: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_own:
            del self.fields["own_role"]
        for number in (1, 2, 3):
            self.fields[f"partner_{number}"] = forms.ModelChoiceField(
                label=_("Partner %(number)s") % {"number": number},
                queryset=partners,
                # Without the user's own organisation, two partners are needed.
                required=number == 1 or (number == 2 and not with_own),
            )
            self.fields[f"role_{number}"] = forms.ChoiceField(
                label=_("Role of partner %(number)s") % {"number": number},
                choices=PartnerRole.choices,
                initial=PartnerRole.HOST,
                required=number == 1,
            )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(
        label=_("Why it stopped"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed when the collaboration stops."),
    )


class PlanForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = YearPlan
        fields = [
            "goals",
            "budget_teacher_hours",
            "budget_supervisor_hours",
            "budget_professional_hours",
        ]
        widgets = {"goals": forms.Textarea(attrs={"rows": 4})}


class AgreementForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Agreement
        fields = ["what", "contact", "when", "hours", "evaluation_moment", "status"]

    def __init__(self, *args: Any, contacts: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contact"].queryset = contacts


class SessionForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    start = forms.TimeField(label=_("From"), widget=TIME)
    end = forms.TimeField(label=_("Until"), widget=TIME)
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Location.objects.none(), required=False
    )
    form = forms.ChoiceField(label=_("Form"), choices=Form.choices)
    students = forms.IntegerField(label=_("Number of students"), min_value=0, initial=0)
    groups = forms.IntegerField(label=_("Number of groups"), min_value=0, initial=0)
    hours_teacher = forms.DecimalField(label=_("Hours of teachers"), min_value=0, initial=0)
    hours_supervisor = forms.DecimalField(
        label=_("Hours of practice supervisors"), min_value=0, initial=0
    )
    hours_professional = forms.DecimalField(
        label=_("Hours of professionals"), min_value=0, initial=0
    )
    joint_teaching = forms.BooleanField(label=_("Taught jointly"), required=False)
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    confirmed = forms.BooleanField(
        label=_("Yes, plan it anyway"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args: Any, locations: Any, forms_used: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations
        self.fields["form"].choices = [
            (value, label) for value, label in Form.choices if value in forms_used
        ] or Form.choices

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("start") and cleaned.get("end") and cleaned["end"] <= cleaned["start"]:
            self.add_error("end", _("A session ends after it starts."))
        return cleaned


WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


class SeriesForm(forms.Form):
    weekday = forms.TypedChoiceField(label=_("Every"), choices=WEEKDAYS, coerce=int)
    start_time = forms.TimeField(label=_("From"), widget=TIME)
    end_time = forms.TimeField(label=_("Until"), widget=TIME)
    first_date = forms.DateField(label=_("First date"), widget=DATE)
    last_date = forms.DateField(label=_("Last date"), widget=DATE)
    every_n_weeks = forms.IntegerField(
        label=_("Every how many weeks"), min_value=1, max_value=8, initial=1
    )
    location = forms.ModelChoiceField(
        label=_("Location"), queryset=Location.objects.none(), required=False
    )
    students = forms.IntegerField(label=_("Number of students"), min_value=0, initial=0)
    groups = forms.IntegerField(label=_("Number of groups"), min_value=0, initial=0)

    def __init__(self, *args: Any, locations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = locations


class LogEntryForm(forms.ModelForm):
    bottlenecks = forms.MultipleChoiceField(
        label=_("What held it back"),
        choices=Bottleneck.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ContactLogEntry
        fields = ["date", "channel", "people", "summary", "follow_up_date", "bottlenecks"]
        widgets = {
            "date": DATE,
            "follow_up_date": DATE,
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class EvaluationForm(forms.ModelForm):
    class Meta:
        model = Evaluation
        fields = [
            "school_year",
            "moment",
            "session",
            "partner",
            "student_enthusiasm",
            "student_responses",
            "partner_satisfaction",
            "went_well",
            "to_improve",
        ]
        widgets = {
            "went_well": forms.Textarea(attrs={"rows": 2}),
            "to_improve": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["school_year"].queryset = collaboration.school_years.all()
        # Sessions of the past year: the ones an evaluation can be about.
        now = timezone.now()
        self.fields["session"].queryset = collaboration.sessions.filter(
            starts_at__lte=now, starts_at__gte=now - dt.timedelta(days=365)
        ).order_by("-starts_at")
        self.fields["partner"].queryset = collaboration.partners.select_related("organisation")


def partner_choices(*, region_id: int | None, exclude: Organisation | None) -> Any:
    """Organisations to pick partners from: those of the region (all when there is none)."""
    organisations = Organisation.objects.order_by("name")
    if region_id:
        organisations = organisations.filter(region_id=region_id)
    return organisations.exclude(pk=getattr(exclude, "pk", None))


def partner_contacts(collaboration: Collaboration) -> Any:
    return Contact.objects.filter(
        organisation__partnerships__collaboration=collaboration, anonymised_at__isnull=True
    ).select_related("organisation")


class AlignmentForm(forms.Form):
    """The three aspects of a continuous learning line, each with a status and a note."""

    def __init__(self, *args: Any, current: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for aspect, label in AlignmentAspect.choices:
            existing = current.get(aspect)
            self.fields[f"{aspect}_status"] = forms.ChoiceField(
                label=_("%(aspect)s: status") % {"aspect": str(label).capitalize()},
                choices=AlignmentStatus.choices,
                initial=getattr(existing, "status", AlignmentStatus.NOT_STARTED),
            )
            self.fields[f"{aspect}_description"] = forms.CharField(
                label=_("%(aspect)s: what is aligned") % {"aspect": str(label).capitalize()},
                required=False,
                initial=getattr(existing, "description", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class LearningLinkForm(forms.Form):
    elective = forms.ModelChoiceField(
        label=_("vmbo elective"), queryset=Elective.objects.filter(active=True)
    )
    qualification = forms.ModelChoiceField(
        label=_("prepares for mbo qualification"), queryset=Qualification.objects.none()
    )

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["qualification"].queryset = Qualification.objects.filter(
            organisation__partnerships__collaboration=collaboration
        )


class MeetingForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=DATE)
    participants = forms.ModelMultipleChoiceField(
        label=_("Participating organisations"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Organisation.objects.filter(
            partnerships__collaboration=collaboration
        )


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=Contact.objects.none(), required=False
    )
    due_date = forms.DateField(label=_("Due date"), required=False, widget=DATE)

    def __init__(self, *args: Any, collaboration: Collaboration, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = partner_contacts(collaboration)


class PartnerForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PartnerRole.choices)
    contacts = forms.ModelMultipleChoiceField(
        label=_("Contact persons"),
        queryset=Contact.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, organisation: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacts"].queryset = organisation.contacts.filter(anonymised_at__isnull=True)


class NewPartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=PartnerRole.choices, initial=PartnerRole.PARTICIPANT
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
