from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from verbindt.core.models import SchoolYear
from verbindt.core.selectors import home_overview
from verbindt.core.services import school_year_for_date


def requested_school_year(request: HttpRequest) -> SchoolYear:
    """The school year of the address's ``year`` (its start year), the current one when none:
    pages that switch between school years share it; an unknown year is a 404."""
    year = request.GET.get("year", "")
    if not year:
        return school_year_for_date()
    if not year.isdigit():
        raise Http404(year)
    return get_object_or_404(SchoolYear, start_year=int(year))


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    overview = home_overview(request.user)
    membership = overview["membership"]
    role = membership.role if membership else "no_membership"
    return render(request, f"core/home/{role}.html", overview)


@require_GET
@login_not_required
def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers: the process runs and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


@require_GET
@login_not_required
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page says (the admin's pages say nothing)."""
    return redirect(static("verbindt/favicon.svg"))
