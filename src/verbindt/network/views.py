from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET
from rules.contrib.views import objectgetter

from verbindt.core.permissions import require
from verbindt.network import selectors
from verbindt.network.models import Organisation, OrganisationKind

PAGE_SIZE = 50


@require_GET
@require("network.list_organisations")
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    query = request.GET.get("q", "")
    organisations = selectors.organisation_list(user=request.user, kind=kind, query=query)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "network/organisation_list.html",
        {"page": page, "kind": kind, "query": query, "kinds": OrganisationKind.choices},
    )


@require_GET
@require("network.view_organisation", fn=objectgetter(Organisation, "pk"))
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation.objects.select_related("region"), pk=pk)
    return render(request, "network/organisation_detail.html", {"organisation": organisation})
