from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from rules.contrib.views import objectgetter

from verbindt.accounts import services
from verbindt.accounts.forms import ApiTokenForm, MembershipSwitchForm
from verbindt.accounts.models import ApiToken
from verbindt.accounts.selectors import api_tokens_for
from verbindt.core.permissions import require

NEW_TOKEN_KEY = "verbindt_new_token"


def _profile(
    request: HttpRequest,
    *,
    form: ApiTokenForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form or ApiTokenForm(),
            "tokens": api_tokens_for(user=request.user),
            # Shown on this one page view after creation, then gone from the session too.
            "new_token": request.session.pop(NEW_TOKEN_KEY, ""),
        },
        status=status,
    )


@require_GET
@never_cache  # it may show a new token once
def profile(request: HttpRequest) -> HttpResponse:
    return _profile(request)


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        return _profile(request, form=form, status=400)
    _token, raw = services.api_token_create(user=request.user, name=form.cleaned_data["name"])  # type: ignore[arg-type]
    request.session[NEW_TOKEN_KEY] = raw
    return redirect("profile")


@require_POST
@require("accounts.revoke_apitoken", fn=objectgetter(ApiToken, "pk"))
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.get(pk=pk)
    services.api_token_revoke(token=token, by=request.user)  # type: ignore[arg-type]
    messages.success(request, _("The token “%(name)s” no longer works.") % {"name": token.name})
    return redirect("profile")


@require_POST
def membership_switch(request: HttpRequest) -> HttpResponse:
    form = MembershipSwitchForm(request.POST)
    if form.is_valid():
        membership = services.membership_activate(
            session=request.session,
            user=request.user,  # type: ignore[arg-type]
            membership_id=form.cleaned_data["membership"],
        )
        messages.success(
            request,
            _("You now work as %(role)s at %(organisation)s.")
            % {"role": membership.get_role_display(), "organisation": membership.organisation},
        )
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        next_url = ""
    return redirect(next_url or "home")
