from typing import Any

from verbindt.accounts.models import ApiToken, Membership, Role

# The order in which a user's memberships are offered; the first is active by default.
ROLE_ORDER = [
    Role.PLATFORM_COORDINATOR,
    Role.REGIONAL_COORDINATOR,
    Role.SCHOOL_COORDINATOR,
    Role.TEACHER,
    Role.MBO_CONTACT,
    Role.INSTITUTION_CONTACT,
]


def memberships_for(user: Any) -> list[Membership]:
    """The user's memberships, most senior role first; cached on the user for the request."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached: list[Membership] | None = getattr(user, "_memberships", None)
    if cached is None:
        cached = sorted(
            Membership.objects.filter(user=user).select_related("organisation", "region"),
            key=lambda m: (ROLE_ORDER.index(Role(m.role)), m.organisation.name, m.pk),
        )
        user._memberships = cached
    return cached


def active_membership(user: Any) -> Membership | None:
    """The membership the user acts in now: chosen in the session, else the first one."""
    chosen = getattr(user, "_active_membership_id", None)
    memberships = memberships_for(user)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0] if memberships else None


def api_tokens_for(*, user: Any) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
