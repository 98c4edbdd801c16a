from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from verbindt.core.models import HolidayRegion, Province, Region, SchoolYear


class OrganisationKind(models.TextChoices):
    VMBO_LOCATION = "vmbo_location", _("vmbo location")
    MBO_COLLEGE = "mbo_college", _("mbo college")
    INSTITUTION = "institution", _("care or welfare institution")
    OTHER = "other", _("other")


class Sector(models.TextChoices):
    """The field an institution works in."""

    ELDERLY_CARE = "elderly_care", _("elderly care")
    DISABILITY_CARE = "disability_care", _("disability care")
    CHILDCARE = "childcare", _("childcare")
    HOSPITAL = "hospital", _("hospital / cure")
    MENTAL_HEALTH = "mental_health", _("mental health care")
    YOUTH_CARE = "youth_care", _("youth care")
    HOME_CARE = "home_care", _("home care")
    WELFARE = "welfare", _("welfare / social work")
    SPORT = "sport", _("sport and exercise")
    BEAUTY = "beauty", _("hair and beauty care")
    OTHER = "other", _("other")


class Track(models.TextChoices):
    """vmbo learning paths (leerwegen)."""

    BB = "bb", _("BB (basic vocational)")
    KB = "kb", _("KB (advanced vocational)")
    GL_TL = "gl_tl", _("GL/TL (combined/theoretical)")


class Elective(models.Model):
    """A Zorg & Welzijn vocational elective (beroepsgericht keuzevak); the list is editable."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("elective")
        verbose_name_plural = _("electives")

    def __str__(self) -> str:
        return self.name


class Organisation(models.Model):
    """A party in the network: a vmbo location, an mbo college, an institution or other."""

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
    # DUO keys: the institution (INSTELLINGSCODE, formerly BRIN NUMMER) and the location
    # (VESTIGINGSCODE, formerly BRIN NUMMER + VESTIGINGSNUMMER).
    brin = models.CharField(
        _("DUO institution code"),
        max_length=4,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Z]{4}$", _("Four letters or digits, e.g. 18BR."))],
    )
    duo_code = models.CharField(
        _("DUO location code"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^[0-9A-Z]{4}\d{2}$", _("Six characters, e.g. 18BR00."))],
    )
    kvk_number = models.CharField(
        _("KvK number"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^\d{8}$", _("Eight digits."))],
    )
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    # Institutions
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    sbb_recognised = models.BooleanField(
        _("SBB recognised training company"),
        default=False,
        help_text=_("Recognised by SBB as a place where students may do their internship."),
    )
    sbb_valid_until = models.DateField(_("SBB recognition valid until"), null=True, blank=True)
    # vmbo locations
    offers_bb = models.BooleanField(_("offers BB"), default=False)
    offers_kb = models.BooleanField(_("offers KB"), default=False)
    offers_gl_tl = models.BooleanField(_("offers GL/TL"), default=False)
    teaches_zw = models.BooleanField(_("teaches Zorg & Welzijn"), default=False)
    electives = models.ManyToManyField(
        Elective, verbose_name=_("Z&W electives"), blank=True, related_name="organisations"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["region", "kind"]),
            models.Index(fields=["kind", "name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
            models.UniqueConstraint(
                fields=["duo_code"],
                condition=~models.Q(duo_code=""),
                name="organisation_duo_code_unique",
                violation_error_message=_("Another organisation already has this DUO code."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def tracks(self) -> list[str]:
        flags = [
            (self.offers_bb, Track.BB),
            (self.offers_kb, Track.KB),
            (self.offers_gl_tl, Track.GL_TL),
        ]
        return [str(track.label) for offered, track in flags if offered]


class ZwCandidateCount(models.Model):
    """Exam candidates in Zorg & Welzijn at a vmbo location per school year and track (DUO)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="zw_counts",
        verbose_name=_("organisation"),
    )
    school_year = models.ForeignKey(
        SchoolYear, on_delete=models.PROTECT, related_name="+", verbose_name=_("school year")
    )
    track = models.CharField(_("track"), max_length=8, choices=Track.choices)
    candidates = models.PositiveIntegerField(_("exam candidates"))
    under_five = models.BooleanField(
        _("fewer than five"),
        default=False,
        help_text=_("DUO publishes counts below five as “<5”; stored as 4 with this flag."),
    )

    class Meta:
        ordering = ["school_year", "track"]
        verbose_name = _("Z&W exam candidates")
        verbose_name_plural = _("Z&W exam candidates")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "school_year", "track"], name="zw_count_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.school_year} {self.track}: {self.candidates}"


class Qualification(models.Model):
    """An mbo qualification a college offers (crebo code and level)."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="qualifications",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=200)
    crebo = models.CharField(
        _("crebo code"), max_length=5, validators=[RegexValidator(r"^\d{5}$", _("Five digits."))]
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        ordering = ["level", "name"]
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "crebo"], name="qualification_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.crebo}, {_('level')} {self.level})"


class PostcodeArea(models.Model):
    """A four-digit postcode area with its centre (GeoNames), used to geocode locations."""

    pc4 = models.CharField(_("postcode (4 digits)"), max_length=4, primary_key=True)
    place = models.CharField(_("place"), max_length=100)
    province = models.CharField(_("province"), max_length=20, choices=Province.choices, blank=True)
    municipality_name = models.CharField(_("municipality"), max_length=100, blank=True)
    municipality_code = models.CharField(_("CBS municipality code"), max_length=4, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["pc4"]
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")

    def __str__(self) -> str:
        return f"{self.pc4} {self.place}"


class Location(models.Model):
    """Where an organisation is: a visiting address. An organisation has one or more."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("name"), max_length=200, blank=True, help_text=_("e.g. main building")
    )
    street = models.CharField(_("street"), max_length=200, blank=True)
    house_number = models.CharField(_("house number"), max_length=20, blank=True)
    postcode = models.CharField(
        _("postcode"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^[1-9]\d{3} [A-Z]{2}$", _("Write a postcode as 1234 AB."))],
    )
    place = models.CharField(_("place"), max_length=100, blank=True)
    municipality_name = models.CharField(_("municipality"), max_length=100, blank=True)
    municipality_code = models.CharField(_("CBS municipality code"), max_length=4, blank=True)
    province = models.CharField(_("province"), max_length=20, choices=Province.choices, blank=True)
    holiday_region = models.CharField(
        _("holiday region"), max_length=10, choices=HolidayRegion.choices, blank=True
    )
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    is_main = models.BooleanField(_("main location"), default=True)

    class Meta:
        ordering = ["-is_main", "place", "street"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [models.Index(fields=["postcode"]), models.Index(fields=["place"])]

    def __str__(self) -> str:
        return ", ".join(p for p in (f"{self.street} {self.house_number}".strip(), self.place) if p)

    def clean(self) -> None:
        if not (self.place or self.postcode):
            raise ValidationError(_("Give at least a place or a postcode."))


class ContactFunction(models.TextChoices):
    TEACHER = "teacher", _("teacher")
    INTERNSHIP_COORDINATOR = "internship_coordinator", _("internship coordinator")
    TEAM_LEADER = "team_leader", _("team leader")
    PRACTICE_SUPERVISOR = "practice_supervisor", _("practice trainer / supervisor")
    MBO_TEACHER = "mbo_teacher", _("mbo teacher")
    COORDINATOR = "coordinator", _("coordinator")
    OTHER = "other", _("other")


class Contact(models.Model):
    """Someone to talk to at an organisation. Only what collaboration needs; removable."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="contacts",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name"), max_length=150)
    function = models.CharField(_("function"), max_length=30, choices=ContactFunction.choices)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    hours_per_week = models.DecimalField(
        _("hours per week for collaboration"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(40)],
    )
    active = models.BooleanField(_("active"), default=True)
    anonymised_at = models.DateTimeField(_("removed on request at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-active", "name"]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        return self.name
