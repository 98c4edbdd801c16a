"""Choices shared by models and by pure code (parsers), without importing any model."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class HolidayRegion(models.TextChoices):
    """The three regions of the Dutch school holidays (vakantieregio's)."""

    NOORD = "noord", _("North")
    MIDDEN = "midden", _("Middle")
    ZUID = "zuid", _("South")


class Province(models.TextChoices):
    GRONINGEN = "groningen", "Groningen"
    FRIESLAND = "friesland", "Fryslân"
    DRENTHE = "drenthe", "Drenthe"
    OVERIJSSEL = "overijssel", "Overijssel"
    FLEVOLAND = "flevoland", "Flevoland"
    GELDERLAND = "gelderland", "Gelderland"
    UTRECHT = "utrecht", "Utrecht"
    NOORD_HOLLAND = "noord-holland", "Noord-Holland"
    ZUID_HOLLAND = "zuid-holland", "Zuid-Holland"
    ZEELAND = "zeeland", "Zeeland"
    NOORD_BRABANT = "noord-brabant", "Noord-Brabant"
    LIMBURG = "limburg", "Limburg"
