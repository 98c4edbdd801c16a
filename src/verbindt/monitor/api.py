"""The monitor over HTTP: the same figures and scoping as the dashboard."""

from ninja import Router

router = Router(tags=["monitor"])
