"""The scope of a monitor page or download, from its address."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from verbindt.monitor.selectors import Scope, scope_for


def scope_from_request(request: HttpRequest) -> Scope:
    """Another region than one's own is a 403 (PermissionDenied); an unknown value a 404."""
    try:
        return scope_for(
            request.user,
            school_year=request.GET.get("year", ""),
            region=request.GET.get("region", ""),
            form=request.GET.get("form", ""),
            sector=request.GET.get("sector", ""),
        )
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error
