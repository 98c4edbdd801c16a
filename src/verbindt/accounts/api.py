from django.http import HttpRequest
from ninja import Router, Schema

from verbindt.accounts.selectors import active_membership, memberships_for

router = Router(tags=["accounts"])


class OrganisationRef(Schema):
    id: int
    name: str
    kind: str


class MembershipOut(Schema):
    id: int
    role: str
    role_label: str
    organisation: OrganisationRef
    region: str | None
    active: bool


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    email: str
    memberships: list[MembershipOut]


@router.get("/me", response=MeOut, summary="The authenticated user and their memberships")
def me(request: HttpRequest) -> MeOut:
    user = request.user
    active = active_membership(user)
    return MeOut(
        id=user.pk,
        username=user.get_username(),
        full_name=user.get_full_name(),  # type: ignore[union-attr]
        email=user.email,  # type: ignore[union-attr]
        memberships=[
            MembershipOut(
                id=m.pk,
                role=m.role,
                role_label=str(m.get_role_display()),
                organisation=OrganisationRef(
                    id=m.organisation.pk, name=m.organisation.name, kind=m.organisation.kind
                ),
                region=m.region.name if m.region else None,
                active=active is not None and m.pk == active.pk,
            )
            for m in memberships_for(user)
        ],
    )
