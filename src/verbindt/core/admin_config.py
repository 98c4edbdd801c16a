from django.contrib.admin.apps import AdminConfig


class VerbindtAdminConfig(AdminConfig):
    """Django's admin on the product's own site class (platform coordinators only)."""

    default_site = "verbindt.core.admin_site.VerbindtAdminSite"
