from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verbindt.core.models import Region
from verbindt.network.models import Organisation, OrganisationKind


class User(AbstractUser):
    """A person who logs in. What they may see follows from their memberships."""

    email = models.EmailField(_("email address"), blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Role(models.TextChoices):
    PLATFORM_COORDINATOR = "platform_coordinator", _("platform coordinator")
    REGIONAL_COORDINATOR = "regional_coordinator", _("regional coordinator")
    SCHOOL_COORDINATOR = "school_coordinator", _("school coordinator")
    TEACHER = "teacher", _("teacher")
    MBO_CONTACT = "mbo_contact", _("mbo contact")
    INSTITUTION_CONTACT = "institution_contact", _("institution contact")


# Which kind of organisation each role works for: a teacher works at a vmbo location, etc.
ROLE_ORGANISATION_KINDS: dict[str, set[str]] = {
    Role.PLATFORM_COORDINATOR: {OrganisationKind.OTHER},
    Role.REGIONAL_COORDINATOR: {OrganisationKind.OTHER},
    Role.SCHOOL_COORDINATOR: {OrganisationKind.VMBO_LOCATION},
    Role.TEACHER: {OrganisationKind.VMBO_LOCATION},
    Role.MBO_CONTACT: {OrganisationKind.MBO_COLLEGE},
    Role.INSTITUTION_CONTACT: {OrganisationKind.INSTITUTION},
}


class Membership(models.Model):
    """A user holds a role at an organisation; one user may hold several and switch between them."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinator_memberships",
        help_text=_("Only for regional coordinators: the region they coordinate."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Who may see what follows from memberships, so every change to them is kept.
    history = HistoricalRecords()

    class Meta:
        ordering = ["user", "role", "organisation__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(role=Role.REGIONAL_COORDINATOR, region__isnull=False)
                    | (~models.Q(role=Role.REGIONAL_COORDINATOR) & models.Q(region__isnull=True))
                ),
                name="membership_region_iff_regional_coordinator",
                violation_error_message=_(
                    "A regional coordinator needs a region; other roles have none."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organisation}"

    def clean(self) -> None:
        if self.role == Role.REGIONAL_COORDINATOR and not self.region_id:
            raise ValidationError({"region": _("A regional coordinator needs a region.")})
        if self.role != Role.REGIONAL_COORDINATOR and self.region_id:
            raise ValidationError({"region": _("Only a regional coordinator has a region.")})
        if self.organisation_id and self.role in ROLE_ORGANISATION_KINDS:
            allowed = ROLE_ORGANISATION_KINDS[self.role]
            if self.organisation.kind not in allowed:
                raise ValidationError(
                    {
                        "organisation": _("A %(role)s works for a %(kinds)s, not for a %(kind)s.")
                        % {
                            "role": self.get_role_display(),
                            "kinds": ", ".join(str(OrganisationKind(k).label) for k in allowed),
                            "kind": self.organisation.get_kind_display(),
                        }
                    }
                )


class ApiToken(models.Model):
    """A personal access token for the API. Only a hash is stored; the token is shown once."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(
        _("prefix"), max_length=16, help_text=_("Shown to recognise a token.")
    )
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class LoginFailure(models.Model):
    """A failed log-in, kept for a day to slow down password guessing."""

    username = models.CharField(_("username"), max_length=150, db_index=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("failed log-in")
        verbose_name_plural = _("failed log-ins")

    def __str__(self) -> str:
        return f"{self.username} {self.at:%Y-%m-%d %H:%M}"
