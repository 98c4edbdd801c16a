from django import forms
from django.utils.translation import gettext_lazy as _

from verbindt.accounts.models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("Name of the new token")}
        help_texts = {"name": _("What will use it, e.g. “export script for the board report”.")}


class MembershipSwitchForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)
