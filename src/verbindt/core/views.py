from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.http import require_GET

from verbindt.core.selectors import home_overview


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
