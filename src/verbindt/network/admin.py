from django.contrib import admin
from django.db import models

from verbindt.network.models import Elective, Organisation, PostcodeArea


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "kind", "region"]
    list_filter = ["kind", "region"]
    search_fields = ["name"]
    list_select_related = ["region"]


@admin.register(Elective)
class ElectiveAdmin(admin.ModelAdmin):
    """The list of Z&W electives schools choose from; platform coordinators keep it current."""

    list_display = ["name", "active"]
    list_editable = ["active"]
    search_fields = ["name"]


@admin.register(PostcodeArea)
class PostcodeAreaAdmin(admin.ModelAdmin):
    list_display = ["pc4", "place", "municipality_name", "province"]
    search_fields = ["pc4", "place", "municipality_name"]
    list_filter = ["province"]
