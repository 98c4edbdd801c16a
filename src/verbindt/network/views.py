from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import objectgetter

from verbindt.core.form_flow import form_page
from verbindt.core.models import HolidayRegion, Province, Region
from verbindt.core.permissions import require
from verbindt.maturity.selectors import school_level_now
from verbindt.network import selectors, services
from verbindt.network.forms import (
    ContactForm,
    LocationForm,
    OrganisationForm,
    QualificationForm,
)
from verbindt.network.models import (
    Contact,
    Location,
    Organisation,
    OrganisationKind,
    Qualification,
    Sector,
)

PAGE_SIZE = 50
organisation = objectgetter(Organisation, "pk")


def _filter_context(filters: selectors.OrganisationFilters) -> dict:
    return {
        "filters": filters,
        "qs": urlencode(filters.as_query()),
        "kinds": OrganisationKind.choices,
        "sectors": Sector.choices,
        "provinces": Province.choices,
        "holiday_regions": HolidayRegion.choices,
        "regions": Region.objects.all(),
        "sorts": [
            ("name", _("Name A–Z")),
            ("-name", _("Name Z–A")),
            ("place", _("Place")),
            ("kind", _("Kind")),
            ("region", _("Region")),
            ("-updated", _("Recently changed")),
        ],
    }


@require_GET
@require("network.list_organisations")
def organisation_list(request: HttpRequest) -> HttpResponse:
    filters = selectors.OrganisationFilters.from_query(request.GET)
    page = Paginator(selectors.organisation_search(filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {**_filter_context(filters), "page": page}
    # A live search (htmx) replaces only the results.
    template = "network/_results.html" if request.htmx else "network/organisation_list.html"
    return render(request, template, context)


@require_GET
@require("network.list_organisations")
def organisation_map(request: HttpRequest) -> HttpResponse:
    filters = selectors.OrganisationFilters.from_query(request.GET)
    points = selectors.organisation_map_points(filters)
    return render(
        request,
        "network/organisation_map.html",
        {**_filter_context(filters), "points": points},
    )


@require_GET
@require("network.view_organisation", fn=organisation)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.organisation_detail(pk=pk)
    return render(
        request,
        "network/organisation_detail.html",
        {
            "organisation": detail,
            "can_see_contacts": request.user.has_perm("network.view_contacts", detail),
            "can_edit": request.user.has_perm("network.edit_organisation", detail),
            "can_merge": request.user.has_perm("network.merge_organisations", detail),
            "level": request.user.has_perm("maturity.view_school_level", detail)
            and school_level_now(detail),
        },
    )


@require_http_methods(["GET", "POST"])
@require("network.create_organisation")
def organisation_create(request: HttpRequest) -> HttpResponse:
    kind = request.POST.get("kind") or request.GET.get("kind", "")
    if kind not in OrganisationKind.values:
        return render(
            request, "network/organisation_kind.html", {"kinds": OrganisationKind.choices}
        )
    form = OrganisationForm(request.POST or None, initial={"kind": kind})
    return form_page(
        request,
        form,
        save=lambda data: services.organisation_create(data=data, by=request.user),  # type: ignore[arg-type]
        title=_("New organisation"),
        cancel=reverse("organisation_list"),
        done=lambda created: reverse("organisation_detail", args=(created.pk,)),
        message=_("The organisation is added."),
    )


@require_http_methods(["GET", "POST"])
@require("network.edit_organisation", fn=organisation)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        save=lambda data: services.organisation_update(
            organisation=instance, data=data, by=request.user
        ),  # type: ignore[arg-type]
        title=_("Edit %(name)s") % {"name": instance.name},
        cancel=reverse("organisation_detail", args=[pk]),
        done=reverse("organisation_detail", args=[pk]),
        message=_("Your changes are saved."),
    )


@require_http_methods(["GET", "POST"])
@require("network.edit_organisation", fn=organisation)
def location_edit(request: HttpRequest, pk: int, location_pk: int | None = None) -> HttpResponse:
    owner = get_object_or_404(Organisation, pk=pk)
    instance = (
        get_object_or_404(Location, pk=location_pk, organisation=owner) if location_pk else None
    )
    form = LocationForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        save=lambda data: services.location_save(organisation=owner, location=instance, data=data),
        title=_("Location of %(name)s") % {"name": owner.name},
        cancel=reverse("organisation_detail", args=[pk]),
        done=reverse("organisation_detail", args=[pk]),
        message=_("The location is saved."),
    )


@require_POST
@require("network.edit_organisation", fn=organisation)
def location_delete(request: HttpRequest, pk: int, location_pk: int) -> HttpResponse:
    services.location_delete(
        location=get_object_or_404(Location, pk=location_pk, organisation_id=pk)
    )
    messages.success(request, _("The location is removed."))
    return redirect("organisation_detail", pk)


@require_http_methods(["GET", "POST"])
@require("network.edit_organisation", fn=organisation)
def contact_edit(request: HttpRequest, pk: int, contact_pk: int | None = None) -> HttpResponse:
    owner = get_object_or_404(Organisation, pk=pk)
    instance = (
        get_object_or_404(Contact, pk=contact_pk, organisation=owner, anonymised_at__isnull=True)
        if contact_pk
        else None
    )
    form = ContactForm(request.POST or None, instance=instance)
    return form_page(
        request,
        form,
        save=lambda data: services.contact_save(organisation=owner, contact=instance, data=data),
        title=_("Contact at %(name)s") % {"name": owner.name},
        cancel=reverse("organisation_detail", args=[pk]),
        done=reverse("organisation_detail", args=[pk]) + "#contacts",
        message=_("The contact is saved."),
    )


@require_POST
@require("network.edit_organisation", fn=organisation)
def contact_anonymise(request: HttpRequest, pk: int, contact_pk: int) -> HttpResponse:
    contact = get_object_or_404(
        Contact, pk=contact_pk, organisation_id=pk, anonymised_at__isnull=True
    )
    services.contact_anonymise(contact=contact)
    messages.success(request, _("The contact's details are removed; their links are kept."))
    return redirect("organisation_detail", pk)


@require_http_methods(["GET", "POST"])
@require("network.edit_organisation", fn=organisation)
def qualification_create(request: HttpRequest, pk: int) -> HttpResponse:
    owner = get_object_or_404(Organisation, pk=pk, kind=OrganisationKind.MBO_COLLEGE)
    return form_page(
        request,
        QualificationForm(request.POST or None),
        save=lambda data: services.qualification_add(organisation=owner, data=data),
        title=_("Qualification offered by %(name)s") % {"name": owner.name},
        cancel=reverse("organisation_detail", args=[pk]),
        done=reverse("organisation_detail", args=[pk]),
        message=_("The qualification is added."),
    )


@require_POST
@require("network.edit_organisation", fn=organisation)
def qualification_delete(request: HttpRequest, pk: int, qualification_pk: int) -> HttpResponse:
    services.qualification_remove(
        qualification=get_object_or_404(Qualification, pk=qualification_pk, organisation_id=pk)
    )
    messages.success(request, _("The qualification is removed."))
    return redirect("organisation_detail", pk)


@require_GET
@require("network.merge_organisations", fn=organisation)
def organisation_merge(request: HttpRequest, pk: int) -> HttpResponse:
    keep = get_object_or_404(Organisation, pk=pk)
    filters = selectors.OrganisationFilters.from_query(request.GET)
    candidates = (
        selectors.organisation_search(filters).filter(kind=keep.kind).exclude(pk=pk)[:20]
        if filters.q
        else []
    )
    return render(
        request,
        "network/organisation_merge.html",
        {"keep": keep, "q": filters.q, "candidates": candidates},
    )


@require_http_methods(["GET", "POST"])
@require("network.merge_organisations", fn=organisation)
def organisation_merge_confirm(request: HttpRequest, pk: int, other_pk: int) -> HttpResponse:
    keep = get_object_or_404(Organisation, pk=pk)
    remove = get_object_or_404(Organisation, pk=other_pk)
    if not request.user.has_perm("network.merge_organisations", remove):
        return render(request, "403.html", status=403)
    error = ""
    if request.method == "POST":
        try:
            result = services.organisation_merge(keep=keep, remove=remove)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            moved = ", ".join(f"{count} {label}" for label, count in result.moved.items())
            messages.success(
                request,
                _("The records are merged. Moved: %(moved)s.") % {"moved": moved or _("nothing")},
            )
            return redirect("organisation_detail", keep.pk)
    return render(
        request,
        "network/organisation_merge_confirm.html",
        {
            "keep": selectors.organisation_detail(pk=keep.pk),
            "remove": selectors.organisation_detail(pk=remove.pk),
            "error": error,
        },
        status=400 if error else 200,
    )
