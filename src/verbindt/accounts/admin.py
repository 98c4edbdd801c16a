from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from verbindt.accounts.models import LoginFailure, Membership, User

OPERATOR_ONLY = {"is_staff", "is_superuser", "groups", "user_permissions"}


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Platform coordinators give people access through memberships; what a user may do
    follows from those. Django's staff/superuser flags and permissions stay with operators."""

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    search_fields = ["username", "first_name", "last_name", "email"]

    def get_queryset(self, request):  # type: ignore[no-untyped-def]
        # Operators' accounts are out of reach: no password change, edit or delete through here.
        users = super().get_queryset(request)
        if request.user.is_superuser:
            return users
        return users.filter(is_superuser=False, is_staff=False)

    def get_fieldsets(self, request, obj=None):  # type: ignore[no-untyped-def]
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        return [
            (title, {**options, "fields": [f for f in options["fields"] if f not in OPERATOR_ONLY]})
            for title, options in fieldsets
        ]


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ["user", "role", "organisation", "region"]
    list_filter = ["role", "region"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]
    list_select_related = ["user", "organisation", "region"]


@admin.register(LoginFailure)
class LoginFailureAdmin(admin.ModelAdmin):
    """Operators lift a pause on an account by deleting its failures."""

    list_display = ["username", "ip_address", "at"]
    search_fields = ["username"]
    date_hierarchy = "at"
