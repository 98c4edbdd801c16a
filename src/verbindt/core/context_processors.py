from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from verbindt.accounts.selectors import active_membership, memberships_for


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu of the role the user acts in, and the memberships they can switch to."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = active_membership(user)
    items = [(_("Home"), reverse("home"))]
    if user.has_perm("collaborations.list_collaborations"):
        items.append((_("Collaborations"), reverse("collaboration_board")))
        items.append((_("Sessions"), reverse("session_calendar")))
    if user.has_perm("network.list_organisations"):
        items.append((_("Organisations"), reverse("organisation_list")))
        items.append((_("Map"), reverse("organisation_map")))
    if user.has_perm("placement.list_rounds"):
        items.append((_("Placements"), reverse("round_list")))
    if user.has_perm("maturity.list_levels"):
        items.append((_("Levels"), reverse("level_list")))
    if user.has_perm("monitor.view_dashboard"):
        items.append((_("Monitor"), reverse("monitor_dashboard")))
    if user.has_perm("surveys.list_campaigns"):
        items.append((_("Surveys"), reverse("campaign_list")))
    if user.has_perm("network.import"):
        items.append((_("Import"), reverse("import_start")))
    if user.has_perm("core.use_admin"):
        items.append((_("Administration"), reverse("admin:index")))
    # The item whose address is the longest start of this page's path is the current one.
    matching = [
        url
        for _, url in items
        if request.path == url or (url != "/" and request.path.startswith(url))
    ]
    current = max(matching, key=len, default=None)
    return {
        "nav_items": [
            {"label": label, "url": url, "current": url == current} for label, url in items
        ],
        "active_membership": membership,
        "memberships": memberships_for(user),
    }
