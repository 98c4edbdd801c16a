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
    if user.has_perm("network.list_organisations"):
        items.append((_("Organisations"), reverse("organisation_list")))
        items.append((_("Map"), reverse("organisation_map")))
    if user.has_perm("core.use_admin"):
        items.append((_("Administration"), reverse("admin:index")))
    current = request.path
    return {
        "nav_items": [
            {
                "label": label,
                "url": url,
                "current": url == current or (url != "/" and current.startswith(url)),
            }
            for label, url in items
        ],
        "active_membership": membership,
        "memberships": memberships_for(user),
    }
