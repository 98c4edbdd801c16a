from django import forms
from django.utils.translation import gettext_lazy as _

from verbindt.network.models import (
    Contact,
    Location,
    Organisation,
    OrganisationKind,
    Qualification,
)
from verbindt.network.postcodes import normalise_postcode

# Which fields apply to which kind: a form shows only what means something for it.
KIND_FIELDS = {
    OrganisationKind.VMBO_LOCATION: [
        "brin",
        "duo_code",
        "offers_bb",
        "offers_kb",
        "offers_gl_tl",
        "teaches_zw",
        "electives",
    ],
    OrganisationKind.MBO_COLLEGE: ["brin", "kvk_number"],
    OrganisationKind.INSTITUTION: ["kvk_number", "sector", "sbb_recognised", "sbb_valid_until"],
    OrganisationKind.OTHER: ["kvk_number"],
}
COMMON_FIELDS = ["kind", "name", "region", "website", "phone"]


class OrganisationForm(forms.ModelForm):
    # "example.nl" means https://example.nl (Django 6's default, asked for explicitly in 5.2).
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = COMMON_FIELDS + sorted({f for fs in KIND_FIELDS.values() for f in fs})
        widgets = {
            "electives": forms.CheckboxSelectMultiple,
            "sbb_valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        kind = self.data.get("kind") or self.initial.get("kind") or self.instance.kind
        if kind in KIND_FIELDS:
            for name in list(self.fields):
                if name not in COMMON_FIELDS and name not in KIND_FIELDS[kind]:
                    del self.fields[name]
        if self.instance.pk:
            # The kind of an existing organisation is fixed: its details depend on it.
            self.fields["kind"].disabled = True


class LocationForm(forms.ModelForm):
    class Meta:
        model = Location
        fields = [
            "name",
            "street",
            "house_number",
            "postcode",
            "place",
            "holiday_region",
            "is_main",
        ]

    def clean_postcode(self) -> str:
        raw = self.cleaned_data["postcode"]
        if not raw:
            return ""
        try:
            return normalise_postcode(raw)
        except ValueError as exc:
            raise forms.ValidationError(_("Write a postcode as 1234 AB.")) from exc


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "function", "email", "phone", "hours_per_week", "active"]


class QualificationForm(forms.ModelForm):
    class Meta:
        model = Qualification
        fields = ["name", "crebo", "level"]
