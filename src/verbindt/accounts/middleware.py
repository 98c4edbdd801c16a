from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from verbindt.accounts.services import SESSION_MEMBERSHIP_KEY


class ActiveMembershipMiddleware:
    """Tells the permission predicates which of the user's memberships this session acts in."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            request.user._active_membership_id = request.session.get(SESSION_MEMBERSHIP_KEY)  # type: ignore[union-attr]
        return self.get_response(request)
