"""The Verbindt API (django-ninja): session or personal-access-token auth on every route."""

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from verbindt.accounts.api import router as accounts_router
from verbindt.accounts.models import User
from verbindt.accounts.services import api_token_authenticate
from verbindt.collaborations.api import router as collaborations_router
from verbindt.maturity.api import router as maturity_router
from verbindt.monitor.api import router as monitor_router
from verbindt.network.api import router as network_router


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="Verbindt API",
    version="1",
    description="Collaborations in vmbo Zorg & Welzijn. Authenticate with a session or "
    "`Authorization: Bearer <personal access token>` (create one on your profile page).",
    # The token first: a script sends no CSRF cookie, and the session check would refuse it.
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)
api.add_router("/", accounts_router)
api.add_router("/organisations", network_router)
api.add_router("/collaborations", collaborations_router)
api.add_router("/", maturity_router)
api.add_router("/monitor", monitor_router)
