import datetime as dt
import secrets

from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbindt.accounts.models import ApiToken, LoginFailure, Membership, User
from verbindt.core.models import Region
from verbindt.core.secrets import secret_hash
from verbindt.network.models import Organisation

TOKEN_PREFIX = "vbt_"
SESSION_MEMBERSHIP_KEY = "verbindt_membership_id"


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
) -> User:
    user = User(username=username, email=email, first_name=first_name, last_name=last_name)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def membership_create(
    *, user: User, organisation: Organisation, role: str, region: Region | None = None
) -> Membership:
    membership = Membership(user=user, organisation=organisation, role=role, region=region)
    membership.full_clean()
    membership.save()
    return membership


def membership_activate(*, session: SessionBase, user: User, membership_id: int) -> Membership:
    """Make one of the user's own memberships the one they act in for this session."""
    membership = Membership.objects.filter(pk=membership_id, user=user).first()
    if membership is None:
        raise PermissionDenied(_("This membership is not yours."))
    session[SESSION_MEMBERSHIP_KEY] = membership.pk
    return membership


@transaction.atomic
def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Create a token and return it with its raw value, which is never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), prefix=raw[:12], key_hash=secret_hash(raw))
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, token: ApiToken, by: User) -> ApiToken:
    if token.user_id != by.pk:
        raise PermissionDenied(_("Only the owner can revoke this token."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, raw: str) -> User | None:
    """The active user behind a raw token, or None. Records when the token was last used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=secret_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    # One write a minute at most: a script calling in a loop should not write on every call.
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# Ten wrong passwords for one account within a quarter of an hour pause logging in to it; a
# person who mistypes never gets near, a guessing script does. There is no pause per address:
# behind a proxy every visitor has the proxy's address, and one script would lock out all.
LOGIN_FAILURES_PER_USERNAME = 10
LOGIN_FAILURE_WINDOW = dt.timedelta(minutes=15)


def login_is_paused(*, username: str) -> bool:
    recent = LoginFailure.objects.filter(at__gte=timezone.now() - LOGIN_FAILURE_WINDOW)
    return recent.filter(username=username.lower()).count() >= LOGIN_FAILURES_PER_USERNAME


@transaction.atomic
def login_failure_record(*, username: str, ip_address: str | None) -> None:
    # Failures are only needed for the window; keep them a day for an operator, then drop them.
    LoginFailure.objects.filter(at__lt=timezone.now() - dt.timedelta(days=1)).delete()
    LoginFailure.objects.create(username=username.lower()[:150], ip_address=ip_address)


def login_failures_clear(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()
