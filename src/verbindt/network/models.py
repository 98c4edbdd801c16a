from django.db import models
from django.utils.translation import gettext_lazy as _

from verbindt.core.models import Region


class OrganisationKind(models.TextChoices):
    VMBO_LOCATION = "vmbo_location", _("vmbo location")
    MBO_COLLEGE = "mbo_college", _("mbo college")
    INSTITUTION = "institution", _("care or welfare institution")
    OTHER = "other", _("other")


class Organisation(models.Model):
    """A party in the network. The registry extends this with locations, contacts and DUO keys."""

    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["region", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name
