"""Every permission in Verbindt, in one place.

Predicates look at the membership the user acts in now (see ``accounts.selectors``), so a
user who is a teacher at one school and coordinator at another sees only what the chosen
role allows. Views use ``rules.contrib.views.permission_required``; the API uses the same
permission names through ``user.has_perm``.
"""

from typing import Any

import rules
from rules.contrib.views import permission_required

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership


def _role_is(*roles: str) -> rules.Predicate:
    def check(user: Any) -> bool:
        membership = active_membership(user)
        return membership is not None and membership.role in roles

    return rules.predicate(check, name=f"role_is_{'_or_'.join(roles)}")


is_platform_coordinator = _role_is(Role.PLATFORM_COORDINATOR)
is_regional_coordinator = _role_is(Role.REGIONAL_COORDINATOR)
is_school_coordinator = _role_is(Role.SCHOOL_COORDINATOR)


@rules.predicate
def is_member_of(user: Any, organisation: Any) -> bool:
    membership = active_membership(user)
    return (
        membership is not None
        and organisation is not None
        and (membership.organisation_id == organisation.pk)
    )


@rules.predicate
def coordinates_region_of(user: Any, organisation: Any) -> bool:
    membership = active_membership(user)
    return (
        membership is not None
        and organisation is not None
        and membership.role == Role.REGIONAL_COORDINATOR
        and organisation.region_id is not None
        and organisation.region_id == membership.region_id
    )


@rules.predicate
def owns(user: Any, obj: Any) -> bool:
    return obj is not None and getattr(obj, "user_id", None) == user.pk


@rules.predicate
def is_partner_of(user: Any, organisation: Any) -> bool:
    """The user's organisation works with this one in a collaboration."""
    from verbindt.collaborations.models import Partner

    membership = active_membership(user)
    return (
        membership is not None
        and organisation is not None
        and Partner.objects.filter(
            organisation=organisation,
            collaboration__partners__organisation_id=membership.organisation_id,
        ).exists()
    )


@rules.predicate
def is_in_collaboration(user: Any, collaboration: Any) -> bool:
    membership = active_membership(user)
    return (
        membership is not None
        and collaboration is not None
        and collaboration.partners.filter(organisation_id=membership.organisation_id).exists()
    )


@rules.predicate
def coordinates_collaboration(user: Any, collaboration: Any) -> bool:
    """Platform coordinators see every collaboration; regional ones those with a partner in
    their region."""
    membership = active_membership(user)
    if membership is None or collaboration is None:
        return False
    if membership.role == Role.PLATFORM_COORDINATOR:
        return True
    return (
        membership.role == Role.REGIONAL_COORDINATOR
        and collaboration.partners.filter(organisation__region_id=membership.region_id).exists()
    )


@rules.predicate
def works_at_round_school(user: Any, allocation_round: Any) -> bool:
    """A school coordinator or teacher of one of the round's schools."""
    membership = active_membership(user)
    return (
        membership is not None
        and allocation_round is not None
        and membership.role in (Role.SCHOOL_COORDINATOR, Role.TEACHER)
        and allocation_round.schools.filter(pk=membership.organisation_id).exists()
    )


@rules.predicate
def coordinates_round(user: Any, allocation_round: Any) -> bool:
    membership = active_membership(user)
    if membership is None or allocation_round is None:
        return False
    if membership.role == Role.PLATFORM_COORDINATOR:
        return True
    return (
        membership.role == Role.REGIONAL_COORDINATOR
        and allocation_round.schools.filter(region_id=membership.region_id).exists()
    )


@rules.predicate
def hosts_published_round(user: Any, allocation_round: Any) -> bool:
    """The user's organisation has a place in the round, and the result is published."""
    membership = active_membership(user)
    return (
        membership is not None
        and allocation_round is not None
        and allocation_round.status == "published"
        and allocation_round.places.filter(organisation_id=membership.organisation_id).exists()
    )


@rules.predicate
def coordinates_campaign(user: Any, campaign: Any) -> bool:
    """Platform coordinators run every survey campaign; regional ones those of their region
    (not the national ones)."""
    membership = active_membership(user)
    if membership is None or campaign is None:
        return False
    if membership.role == Role.PLATFORM_COORDINATOR:
        return True
    return (
        membership.role == Role.REGIONAL_COORDINATOR
        and campaign.region_id is not None
        and campaign.region_id == membership.region_id
    )


coordinates = is_platform_coordinator | coordinates_region_of
is_coordinator = is_platform_coordinator | is_regional_coordinator
has_membership = rules.predicate(lambda user: active_membership(user) is not None)

# --- Product permissions -------------------------------------------------------------------
rules.add_perm("core.use_admin", is_platform_coordinator)
rules.add_perm("accounts.revoke_apitoken", owns)
# The registry: public data is open to every logged-in user; a person's details are for the
# organisation itself and its coordinators (and, once collaborations exist, its partners).
rules.add_perm("network.list_organisations", rules.is_authenticated)
rules.add_perm("network.view_organisation", rules.is_authenticated)
rules.add_perm("network.view_contacts", coordinates | is_member_of | is_partner_of)
rules.add_perm("network.edit_organisation", coordinates | is_member_of)
rules.add_perm("network.create_organisation", is_coordinator | is_school_coordinator)
rules.add_perm("network.merge_organisations", coordinates)
rules.add_perm("network.import", is_coordinator)
# Collaborations: seen by their partners and the coordinators above them, run by the partners.
rules.add_perm("collaborations.list_collaborations", has_membership)
rules.add_perm("collaborations.create_collaboration", has_membership)
rules.add_perm("collaborations.view_collaboration", is_in_collaboration | coordinates_collaboration)
rules.add_perm("collaborations.edit_collaboration", is_in_collaboration)
rules.add_perm("collaborations.manage_calendar_feeds", is_member_of)
# Maturity: a school's level and scan are for the school and its coordinators, not its partners.
rules.add_perm("maturity.view_school_level", is_member_of | coordinates)
rules.add_perm("maturity.fill_scan", is_member_of)
rules.add_perm("maturity.list_levels", is_coordinator)
rules.add_perm("maturity.edit_thresholds", is_platform_coordinator)
# Placement: a round is its school's (teachers enter preferences, the coordinator runs it) and
# its coordinators'; a host sees only the students placed with it, once the result is published.
rules.add_perm("placement.list_rounds", has_membership)
rules.add_perm("placement.create_round", is_school_coordinator | is_coordinator)
rules.add_perm("placement.view_round", works_at_round_school | coordinates_round)
rules.add_perm("placement.enter_preferences", works_at_round_school | coordinates_round)
rules.add_perm(
    "placement.manage_round", (works_at_round_school & is_school_coordinator) | coordinates_round
)
rules.add_perm("placement.view_hosted_students", hosts_published_round)
# Monitor: coordinators see the figures of their scope (the nation or their region); a school
# sees its own figures beside the regional and national averages, never another school's.
rules.add_perm("monitor.view_dashboard", is_coordinator)
rules.add_perm("monitor.view_school_figures", is_member_of | coordinates)


@rules.predicate
def may_read_report(user: Any, report: Any) -> bool:
    """A printed monitor report: for the coordinator who asked for it, and for the coordinators
    whose scope covers it (platform coordinators all, a regional one those of their region)."""
    membership = active_membership(user)
    if membership is None or report is None:
        return False
    if report.requested_by_id == user.pk or membership.role == Role.PLATFORM_COORDINATOR:
        return True
    return report.region_id is not None and report.region_id == membership.region_id


rules.add_perm("monitor.view_report", is_coordinator & may_read_report)

# Surveys: coordinators run campaigns (a regional one within their region); the people asked
# answer through a personal link, without an account.
rules.add_perm("surveys.list_campaigns", is_coordinator)
rules.add_perm("surveys.create_campaign", is_coordinator)
rules.add_perm("surveys.view_campaign", coordinates_campaign)
rules.add_perm("surveys.manage_campaign", coordinates_campaign)

# --- Django admin: platform coordinators manage the reference data and the accounts ---------
ADMIN_MODELS = [
    "core.region",
    "core.schoolyear",
    "network.organisation",
    "network.elective",
    "network.postcodearea",
    "accounts.user",
    "accounts.membership",
    "accounts.loginfailure",
]
for _model in ADMIN_MODELS:
    _app, _name = _model.split(".")
    for _action in ("view", "add", "change", "delete"):
        if not rules.perm_exists(f"{_app}.{_action}_{_name}"):  # e.g. viewing organisations
            rules.add_perm(f"{_app}.{_action}_{_name}", is_platform_coordinator)
for _app in {model.split(".")[0] for model in ADMIN_MODELS}:
    rules.add_perm(_app, is_platform_coordinator)  # the app's section on the admin index


def require(permission: str, fn: Any = None) -> Any:
    """View decorator: the user must hold ``permission`` (on the object ``fn`` finds), else 403.

    ``fn`` is usually ``rules.contrib.views.objectgetter(Model, "pk")``: a missing object is 404.
    """
    return permission_required(permission, fn=fn, raise_exception=True)
