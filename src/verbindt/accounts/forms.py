from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from verbindt.accounts import services
from verbindt.accounts.models import ApiToken


class ApiTokenForm(forms.ModelForm):
    class Meta:
        model = ApiToken
        fields = ["name"]
        labels = {"name": _("Name of the new token")}
        help_texts = {"name": _("What will use it, e.g. “export script for the board report”.")}


class MembershipSwitchForm(forms.Form):
    membership = forms.IntegerField(widget=forms.HiddenInput)


class LoginForm(AuthenticationForm):
    """Django's log-in form, paused after too many wrong passwords (see services)."""

    error_messages = {
        **AuthenticationForm.error_messages,
        "paused": _(
            "Too many failed attempts to log in. Wait a quarter of an hour and try again, "
            "or ask for a new password."
        ),
    }

    def clean(self) -> dict:
        username = self.cleaned_data.get("username") or ""
        ip_address = self.request.META.get("REMOTE_ADDR") if self.request else None
        if services.login_is_paused(username=username):
            raise ValidationError(self.error_messages["paused"], code="paused")
        try:
            cleaned = super().clean()
        except ValidationError:
            services.login_failure_record(username=username, ip_address=ip_address)
            raise
        services.login_failures_clear(username=username)
        return cleaned
