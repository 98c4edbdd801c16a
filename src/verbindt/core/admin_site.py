from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class VerbindtAdminSite(admin.AdminSite):
    """The Django admin, for platform coordinators (and operators' superusers) only."""

    site_header = _("Verbindt administration")
    site_title = _("Verbindt administration")
    index_title = _("Reference data and accounts")

    def has_permission(self, request: HttpRequest) -> bool:
        return request.user.is_active and request.user.has_perm("core.use_admin")

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:  # type: ignore[override]
        # One login page for the whole product; a logged-in user without the right gets a 403.
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.GET.get("next", request.get_full_path()))
