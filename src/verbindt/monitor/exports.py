from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from verbindt.core.permissions import require
from verbindt.core.tables import table_response
from verbindt.monitor.tables import TABLES, filename
from verbindt.monitor.web import scope_from_request


@require_GET
@require("monitor.view_dashboard")
def table_export(request: HttpRequest, table: str, extension: str) -> HttpResponse:
    if table not in TABLES:
        raise Http404(table)
    scope = scope_from_request(request)
    headers, rows = TABLES[table](scope)
    return table_response(extension, filename(table, scope), headers, rows)
