"""Imports into the registry: DUO locations and exam candidates, GeoNames postcodes, and the
generic organisations file (CSV or XLSX). Every import ends with an ``ImportReport``.

How an import runs: the file is parsed (``importers/``, no database), compared with the
registry (reads only) and the differences are written in one transaction with bulk queries.
Reading and comparing happen before that transaction so that progress written by a job is
visible to other processes at once and SQLite's single write lock is held only for the
writes. A dry run stops before writing: the report says what would happen. Should the
registry change between comparing and writing so that a write fails, the transaction rolls
back and the import is refused as a whole.

Rules per kind:

- ``duo-locations``: a location is an organisation keyed by its DUO location code
  (``duo_code``) with one main location. Locations with VBO or MAVO become a
  ``vmbo_location``; with ``{"all": True}`` the others are imported too, as ``other``. The
  kind is set when an organisation is created and left alone after. Name, DUO institution
  code and address always follow the file; phone and website only when the file has one.
  The region follows the province only while the organisation has none. Rows with
  problems are rejected, the rest is imported.
- ``duo-exams``: for the school year (``{"school_year": "2024-2025"}``, else read from the
  file name) every Zorg & Welzijn location in the registry gets ``teaches_zw`` and its
  candidate counts per track; the file replaces that year's counts of those locations.
  Locations the registry does not know are listed in the notes. ``teaches_zw`` is never
  switched off by an import: a school may start Z&W before it has exam candidates.
- ``postcodes``: postcode areas are added or updated, then every location with a known
  postcode gets the area's coordinates, and its municipality and province when empty.
- ``organisations`` (strict): if any row is rejected, nothing is written. A row is the same
  organisation as one in the registry when the DUO code matches, otherwise when kind, name
  (ignoring case and spacing) and the postcode of the main location match; a match is
  updated with the row's non-empty cells (empty cells never erase anything) and its contact
  person is matched by e-mail address, or by name when the row has no address.
"""

import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from verbindt.accounts.models import User
from verbindt.core import schoolyears
from verbindt.core.models import ImportJob
from verbindt.core.services import region_for_province, school_year_get_or_create
from verbindt.network.importers import duo, geonames, organisations
from verbindt.network.importers.files import FileRefused, ParseResult, size_problem
from verbindt.network.models import (
    Contact,
    ContactFunction,
    Location,
    Organisation,
    OrganisationKind,
    PostcodeArea,
    Sector,
    Track,
    ZwCandidateCount,
)
from verbindt.network.postcodes import pc4
from verbindt.network.services import location_geocode
from verbindt.planning.services import HOLIDAYS_IMPORT_LABEL, holidays_plan_import

IMPORT_KINDS = {
    "duo-locations": gettext_lazy("DUO school locations"),
    "duo-exams": gettext_lazy("DUO exam candidates (Zorg & Welzijn)"),
    "postcodes": gettext_lazy("GeoNames postcodes"),
    "organisations": gettext_lazy("Organisations (CSV or XLSX)"),
    "holidays": HOLIDAYS_IMPORT_LABEL,
}
STRICT_KINDS = {"organisations"}
PROGRESS_EVERY = 250  # rows between progress calls
BATCH = 500
MAX_LISTED = 50  # names listed in one note before "and N more"

Progress = Callable[[int, int], None]
Writer = Callable[[], None]
M = TypeVar("M", bound=models.Model)


class ImportRefused(Exception):
    """The file as a whole cannot be imported; nothing was written. ``message`` says why."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class ImportReport:
    kind: str
    dry_run: bool = False
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[tuple[int | None, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: int = 0  # data rows in the file
    saved: bool = False  # whether the changes were written

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "dry_run": self.dry_run,
            "saved": self.saved,
            "rows": self.rows,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": [{"row": row, "reason": reason} for row, reason in self.rejected],
            "notes": list(self.notes),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "ImportReport":
        return cls(
            kind=data["kind"],
            dry_run=data.get("dry_run", False),
            saved=data.get("saved", False),
            rows=data.get("rows", 0),
            added=data.get("added", 0),
            updated=data.get("updated", 0),
            unchanged=data.get("unchanged", 0),
            rejected=[(item["row"], item["reason"]) for item in data.get("rejected", [])],
            notes=list(data.get("notes", [])),
        )


# --- Helpers ---------------------------------------------------------------------------------


def _take(report: ImportReport, parsed: ParseResult[Any]) -> None:
    report.rows = parsed.rows
    report.rejected.extend(parsed.rejected)
    report.notes.extend(parsed.notes)


def _ticker(progress: Progress | None, total: int) -> Callable[[int], None]:
    def tick(done: int) -> None:
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == total):
            progress(done, total)

    return tick


def _assign(instance: models.Model, values: dict[str, Any]) -> list[str]:
    """Set the values that differ; the names of the fields that changed."""
    changed = []
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _problems(instance: models.Model, *, exclude: Iterable[str] = ()) -> list[str]:
    """Field validation without a query per object: uniqueness is checked in memory."""
    try:
        instance.full_clean(
            exclude=list(exclude), validate_unique=False, validate_constraints=False
        )
    except ValidationError as exc:
        return [
            f"{getattr(instance._meta.get_field(name), 'verbose_name', name)}: {message}"
            if name != "__all__"
            else message
            for name, messages in exc.message_dict.items()
            for message in messages
        ]
    return []


def _main_locations(locations: "models.QuerySet[Location]") -> dict[int, Location]:
    """The main (else first) location per organisation."""
    mains: dict[int, Location] = {}
    for location in locations.order_by("organisation_id", "-is_main", "pk"):
        mains.setdefault(location.organisation_id, location)
    return mains


def _region_lookup() -> Callable[[str], int | None]:
    cache: dict[str, int | None] = {}

    def region_id(province: str) -> int | None:
        if province not in cache:
            region = region_for_province(province)
            cache[province] = region.pk if region else None
        return cache[province]

    return region_id


def _listed(items: list[str]) -> str:
    shown = ", ".join(items[:MAX_LISTED])
    if len(items) > MAX_LISTED:
        shown += " " + _("and %(count)s more") % {"count": len(items) - MAX_LISTED}
    return shown


def _touch(instances: list[M]) -> list[M]:
    # bulk_update skips auto_now; a changed row should still show when it changed.
    now = timezone.now()
    for instance in instances:
        instance.updated_at = now  # type: ignore[attr-defined]
    return instances


def _in_chunks(ids: list[int], size: int = 900) -> Iterable[list[int]]:
    # SQLite limits the parameters of one query.
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


# --- DUO locations ---------------------------------------------------------------------------

DUO_ORG_FIELDS = ["name", "brin", "phone", "website", "region", "updated_at"]
LOCATION_FIELDS = [
    "street",
    "house_number",
    "postcode",
    "place",
    "municipality_name",
    "municipality_code",
    "province",
    "holiday_region",
    "latitude",
    "longitude",
]


def _coordinates(location: Location, area: PostcodeArea | None, *, moved: bool) -> None:
    if area is not None and (moved or location.latitude is None):
        location.latitude, location.longitude = area.latitude, area.longitude
    elif moved:
        location.latitude = location.longitude = None


def _plan_duo_locations(
    *,
    data: bytes,
    filename: str,
    options: dict[str, Any],
    report: ImportReport,
    progress: Progress | None,
) -> Writer:
    parsed = duo.parse_locations(data, include_all=bool(options.get("all")))
    _take(report, parsed)
    tick = _ticker(progress, len(parsed.items))
    registry = {org.duo_code: org for org in Organisation.objects.exclude(duo_code="")}
    mains = _main_locations(Location.objects.exclude(organisation__duo_code=""))
    areas = {area.pc4: area for area in PostcodeArea.objects.all()}
    region_id = _region_lookup()
    created: list[tuple[Organisation, Location]] = []
    changed_orgs: list[Organisation] = []
    changed_locations: list[Location] = []
    added_locations: list[Location] = []

    for done, item in enumerate(parsed.items, start=1):
        tick(done)
        values: dict[str, Any] = {"name": item.name, "brin": item.brin}
        values |= {"phone": item.phone} if item.phone else {}
        values |= {"website": item.website} if item.website else {}
        address = {
            "street": item.street,
            "house_number": item.house_number,
            "postcode": item.postcode,
            "place": item.place,
            "municipality_name": item.municipality_name,
            "municipality_code": item.municipality_code,
            "province": item.province,
            "holiday_region": item.holiday_region,
        }
        area = areas.get(pc4(item.postcode))
        org = registry.get(item.code)
        if org is None:
            kind = OrganisationKind.VMBO_LOCATION if item.teaches_vmbo else OrganisationKind.OTHER
            org = Organisation(
                kind=kind, duo_code=item.code, region_id=region_id(item.province), **values
            )
            location = Location(is_main=True, **address)
            _coordinates(location, area, moved=True)
            problems = _problems(org, exclude=["region"]) + _problems(
                location, exclude=["organisation"]
            )
            if problems:
                report.rejected.extend((item.row, problem) for problem in problems)
                continue
            created.append((org, location))
            report.added += 1
            continue
        org_changes = _assign(org, values)
        if org.region_id is None and region_id(item.province):
            org.region_id = region_id(item.province)
            org_changes.append("region")
        location = mains.get(org.pk) or Location(organisation=org, is_main=True)
        is_new_location = location.pk is None
        moved = location.postcode != item.postcode
        location_changes = _assign(location, address)
        before = (location.latitude, location.longitude)
        _coordinates(location, area, moved=moved)
        if (location.latitude, location.longitude) != before:
            location_changes.append("latitude")
        problems = _problems(org, exclude=["region"]) + _problems(
            location, exclude=["organisation"]
        )
        if problems:
            report.rejected.extend((item.row, problem) for problem in problems)
            continue
        if org_changes:
            changed_orgs.append(org)
        if is_new_location:
            added_locations.append(location)
        elif location_changes:
            changed_locations.append(location)
        if org_changes or location_changes or is_new_location:
            report.updated += 1
        else:
            report.unchanged += 1

    def write() -> None:
        Organisation.objects.bulk_create([org for org, _loc in created], batch_size=BATCH)
        for org, location in created:
            location.organisation = org
        Location.objects.bulk_create(
            [location for _org, location in created] + added_locations, batch_size=BATCH
        )
        Organisation.objects.bulk_update(_touch(changed_orgs), DUO_ORG_FIELDS, batch_size=BATCH)
        Location.objects.bulk_update(changed_locations, LOCATION_FIELDS, batch_size=BATCH)

    return write


# --- DUO exam candidates ---------------------------------------------------------------------


def _school_year(options: dict[str, Any], filename: str) -> int:
    label = str(options.get("school_year") or "").strip()
    if not label:
        found = duo.school_year_in_name(filename)
        if found is None:
            raise ImportRefused(
                _(
                    "The school year cannot be read from the file name %(filename)s; give the "
                    "school year, e.g. 2024-2025."
                )
                % {"filename": filename}
            )
        label = found
    try:
        return schoolyears.parse_label(label)
    except ValueError as exc:
        raise ImportRefused(
            _(
                "“%(value)s” is not a school year; write it as two consecutive years, "
                "e.g. 2024-2025."
            )
            % {"value": label}
        ) from exc


def _plan_duo_exams(
    *,
    data: bytes,
    filename: str,
    options: dict[str, Any],
    report: ImportReport,
    progress: Progress | None,
) -> Writer:
    start_year = _school_year(options, filename)
    parsed = duo.parse_exam_candidates(data)
    _take(report, parsed)
    by_code: dict[str, list[duo.ZwCount]] = defaultdict(list)
    for count in parsed.items:
        by_code[count.code].append(count)
    tick = _ticker(progress, len(by_code))
    registry = {
        org.duo_code: org
        for org in Organisation.objects.exclude(duo_code="").only("pk", "duo_code", "teaches_zw")
    }
    existing = {
        (count.organisation_id, count.track): count
        for count in ZwCandidateCount.objects.filter(school_year__start_year=start_year)
    }
    new_counts: list[ZwCandidateCount] = []
    changed_counts: list[ZwCandidateCount] = []
    stale_counts: list[int] = []
    changed_orgs: list[Organisation] = []
    unknown: list[str] = []
    candidates = 0

    for done, (code, counts) in enumerate(sorted(by_code.items()), start=1):
        tick(done)
        org = registry.get(code)
        if org is None:
            name = (parsed.names or {}).get(code)
            unknown.append(f"{code} ({name})" if name else code)
            continue
        had_counts = any((org.pk, track) in existing for track in Track.values)
        changed = False
        for count in counts:
            candidates += count.candidates
            values = {"candidates": count.candidates, "under_five": count.under_five}
            old = existing.get((org.pk, count.track))
            if old is None:
                new = ZwCandidateCount(organisation_id=org.pk, track=count.track, **values)
                problems = _problems(new, exclude=["organisation", "school_year"])
                if problems:
                    report.rejected.extend((None, f"{code}: {problem}") for problem in problems)
                    continue
                new_counts.append(new)
                changed = True
            elif _assign(old, values):
                changed_counts.append(old)
                changed = True
        in_file = {count.track for count in counts}
        for track in Track.values:
            stale = existing.get((org.pk, track))
            if stale is not None and track not in in_file:
                stale_counts.append(stale.pk)
                changed = True
        if not org.teaches_zw:
            org.teaches_zw = True
            changed_orgs.append(org)
            changed = True
        if not had_counts:
            report.added += 1
        elif changed:
            report.updated += 1
        else:
            report.unchanged += 1

    known = len(by_code) - len(unknown)
    report.notes.append(
        _(
            "%(locations)s locations in the registry teach Zorg & Welzijn, with %(candidates)s "
            "exam candidates in %(year)s."
        )
        % {
            "locations": known,
            "candidates": candidates,
            "year": schoolyears.label_for(start_year),
        }
    )
    if unknown:
        report.notes.append(
            ngettext(
                "%(count)s Z&W location in the file is not in the registry (import the DUO "
                "locations first): %(codes)s.",
                "%(count)s Z&W locations in the file are not in the registry (import the DUO "
                "locations first): %(codes)s.",
                len(unknown),
            )
            % {"count": len(unknown), "codes": _listed(unknown)}
        )

    def write() -> None:
        school_year = school_year_get_or_create(start_year=start_year)
        for count in new_counts:
            count.school_year = school_year
        ZwCandidateCount.objects.bulk_create(new_counts, batch_size=BATCH)
        ZwCandidateCount.objects.bulk_update(
            changed_counts, ["candidates", "under_five"], batch_size=BATCH
        )
        for chunk in _in_chunks(stale_counts):
            ZwCandidateCount.objects.filter(pk__in=chunk).delete()
        Organisation.objects.bulk_update(
            _touch(changed_orgs), ["teaches_zw", "updated_at"], batch_size=BATCH
        )

    return write


# --- GeoNames postcodes ----------------------------------------------------------------------

AREA_FIELDS = [
    "place",
    "province",
    "municipality_name",
    "municipality_code",
    "latitude",
    "longitude",
]
GEOCODE_FIELDS = ["latitude", "longitude", "municipality_name", "municipality_code", "province"]


def _plan_postcodes(
    *,
    data: bytes,
    filename: str,
    options: dict[str, Any],
    report: ImportReport,
    progress: Progress | None,
) -> Writer:
    parsed = geonames.parse_pc4(data)
    _take(report, parsed)
    tick = _ticker(progress, len(parsed.items))
    areas = {area.pc4: area for area in PostcodeArea.objects.all()}
    new_areas: list[PostcodeArea] = []
    changed_areas: list[PostcodeArea] = []
    for done, item in enumerate(parsed.items, start=1):
        tick(done)
        values = {name: getattr(item, name) for name in AREA_FIELDS}
        area = areas.get(item.pc4)
        if area is None:
            area = areas[item.pc4] = PostcodeArea(pc4=item.pc4, **values)
            problems = _problems(area)
            if problems:
                report.rejected.extend((None, f"{item.pc4}: {problem}") for problem in problems)
                del areas[item.pc4]
                continue
            new_areas.append(area)
            report.added += 1
        elif _assign(area, values):
            changed_areas.append(area)
            report.updated += 1
        else:
            report.unchanged += 1

    region_id = _region_lookup()
    changed_locations: list[Location] = []
    changed_orgs: dict[int, Organisation] = {}
    missing: list[str] = []
    locations = list(Location.objects.select_related("organisation").order_by("pk"))
    for location in locations:
        area = areas.get(pc4(location.postcode)) if location.postcode else None
        if area is None:
            missing.append(
                f"{location.organisation.name} ({location.postcode or _('no postcode')})"
            )
            continue
        before = [getattr(location, name) for name in GEOCODE_FIELDS]
        location_geocode(location, area)
        if [getattr(location, name) for name in GEOCODE_FIELDS] != before:
            changed_locations.append(location)
        org = location.organisation
        if org.region_id is None and region_id(location.province):
            org.region_id = region_id(location.province)
            changed_orgs[org.pk] = org

    geocoded = len(locations) - len(missing)
    if locations:
        report.notes.append(
            _("%(geocoded)s of %(total)s locations have coordinates (%(share)s%%).")
            % {
                "geocoded": geocoded,
                "total": len(locations),
                "share": f"{100 * geocoded / len(locations):.1f}",
            }
        )
    if missing:
        report.notes.append(
            ngettext(
                "%(count)s location could not be geocoded (postcode missing or unknown): "
                "%(locations)s.",
                "%(count)s locations could not be geocoded (postcode missing or unknown): "
                "%(locations)s.",
                len(missing),
            )
            % {"count": len(missing), "locations": _listed(missing)}
        )

    def write() -> None:
        PostcodeArea.objects.bulk_create(new_areas, batch_size=BATCH)
        PostcodeArea.objects.bulk_update(changed_areas, AREA_FIELDS, batch_size=BATCH)
        Location.objects.bulk_update(changed_locations, GEOCODE_FIELDS, batch_size=BATCH)
        Organisation.objects.bulk_update(
            _touch(list(changed_orgs.values())), ["region", "updated_at"], batch_size=BATCH
        )

    return write


# --- Organisations file ----------------------------------------------------------------------

ORG_ROW_FIELDS = [
    "name",
    "sector",
    "duo_code",
    "kvk_number",
    "website",
    "phone",
    "sbb_recognised",
    "sbb_valid_until",
]
ROW_LOCATION_FIELDS = ["street", "house_number", "postcode", "place"]
CONTACT_FIELDS = ["name", "function", "email", "phone"]


def _filled(row: organisations.OrganisationRow, names: Iterable[str], prefix: str = "") -> dict:
    values = {name: getattr(row, prefix + name) for name in names}
    return {name: value for name, value in values.items() if value not in ("", None)}


def _match(
    row: organisations.OrganisationRow,
    by_duo: dict[str, Organisation],
    by_key: dict[tuple[str, str, str], list[Organisation]],
) -> tuple[Organisation | None, str]:
    """The registry's organisation for a row (or None) and a reason to reject the row."""
    if row.duo_code and row.duo_code in by_duo:
        org = by_duo[row.duo_code]
        if org.kind != row.kind:
            return None, _(
                "DUO code %(code)s belongs to %(name)s, which is a %(kind)s in the registry."
            ) % {"code": row.duo_code, "name": org.name, "kind": org.get_kind_display()}
        return org, ""
    matches = by_key.get(row.key, [])
    if len(matches) > 1:
        return None, _(
            "The registry has %(count)s organisations of this kind with this name and postcode; "
            "merge them first."
        ) % {"count": len(matches)}
    if not matches:
        return None, ""
    org = matches[0]
    if row.duo_code and org.duo_code and org.duo_code != row.duo_code:
        return None, _("%(name)s has DUO code %(code)s in the registry, not %(row_code)s.") % {
            "name": org.name,
            "code": org.duo_code,
            "row_code": row.duo_code,
        }
    return org, ""


@dataclass
class _OrganisationChanges:
    """What the organisations file changes, collected before anything is written."""

    created: list[tuple[Organisation, Location, Contact | None]] = field(default_factory=list)
    orgs: dict[int, Organisation] = field(default_factory=dict)
    org_fields: set[str] = field(default_factory=set)
    added_locations: list[Location] = field(default_factory=list)
    locations: list[Location] = field(default_factory=list)
    added_contacts: list[Contact] = field(default_factory=list)
    contacts: list[Contact] = field(default_factory=list)

    def write(self) -> None:
        Organisation.objects.bulk_create([org for org, _l, _c in self.created], batch_size=BATCH)
        for org, location, contact in self.created:
            location.organisation = org
            if contact is not None:
                contact.organisation = org
        Location.objects.bulk_create(
            [location for _o, location, _c in self.created] + self.added_locations,
            batch_size=BATCH,
        )
        bulk_create_with_history(
            [contact for _o, _l, contact in self.created if contact] + self.added_contacts,
            Contact,
            batch_size=BATCH,
        )
        if self.orgs:
            Organisation.objects.bulk_update(
                _touch(list(self.orgs.values())),
                sorted(self.org_fields | {"updated_at"}),
                batch_size=BATCH,
            )
        Location.objects.bulk_update(self.locations, LOCATION_FIELDS, batch_size=BATCH)
        if self.contacts:
            bulk_update_with_history(self.contacts, Contact, CONTACT_FIELDS, batch_size=BATCH)


def _existing_contact(
    contacts: list[Contact], row: organisations.OrganisationRow
) -> Contact | None:
    for contact in contacts:
        if row.contact_email and contact.email.lower() == row.contact_email:
            return contact
        if not row.contact_email and contact.name.casefold() == row.contact_name.casefold():
            return contact
    return None


def _validated(org: Organisation, location: Location, contact: Contact | None) -> list[str]:
    problems = _problems(org, exclude=["region"]) + _problems(location, exclude=["organisation"])
    if contact is not None:
        problems += _problems(contact, exclude=["organisation"])
    return problems


def _plan_organisations(
    *,
    data: bytes,
    filename: str,
    options: dict[str, Any],
    report: ImportReport,
    progress: Progress | None,
) -> Writer:
    choices = organisations.Choices(
        kinds=OrganisationKind.choices,
        sectors=Sector.choices,
        functions=ContactFunction.choices,
    )
    parsed = organisations.parse_organisations(data, choices=choices)
    _take(report, parsed)
    tick = _ticker(progress, len(parsed.items))
    registry = list(Organisation.objects.all())
    mains = _main_locations(Location.objects.all())
    by_duo = {org.duo_code: org for org in registry if org.duo_code}
    by_key: dict[tuple[str, str, str], list[Organisation]] = defaultdict(list)
    for org in registry:
        main = mains.get(org.pk)
        if main is not None and main.postcode:
            key = organisations.same_organisation_key(org.kind, org.name, main.postcode)
            by_key[key].append(org)
    matched = [(row, *_match(row, by_duo, by_key)) for row in parsed.items]
    with_contact = sorted({match.pk for row, match, _p in matched if match and row.contact_name})
    contacts: dict[int, list[Contact]] = defaultdict(list)
    for chunk in _in_chunks(with_contact):
        for person in Contact.objects.filter(organisation_id__in=chunk, anonymised_at=None):
            contacts[person.organisation_id].append(person)
    areas = {area.pc4: area for area in PostcodeArea.objects.all()}
    region_id = _region_lookup()
    plan = _OrganisationChanges()

    for done, (row, match, problem) in enumerate(matched, start=1):
        tick(done)
        if problem:
            report.rejected.append((row.row, problem))
            continue
        org_values = _filled(row, ORG_ROW_FIELDS)
        address = _filled(row, ROW_LOCATION_FIELDS)
        contact_values = _filled(row, CONTACT_FIELDS, prefix="contact_")
        area = areas.get(pc4(row.postcode))
        contact: Contact | None = None
        if match is None:
            org = Organisation(kind=row.kind, **org_values)
            location = Location(is_main=True, **address)
            if area is not None:
                location_geocode(location, area)
            org.region_id = region_id(location.province)
            if row.contact_name:
                contact = Contact(**({"function": ContactFunction.OTHER} | contact_values))
            problems = _validated(org, location, contact)
            if problems:
                report.rejected.extend((row.row, problem) for problem in problems)
                continue
            plan.created.append((org, location, contact))
            report.added += 1
            continue

        org = match
        changes = _assign(org, org_values)
        location = mains.get(org.pk) or Location(organisation=org, is_main=True)
        moved = location.postcode != row.postcode
        location_changes = _assign(location, address)
        if area is not None and (moved or location.latitude is None):
            location_geocode(location, area)
            location_changes.append("latitude")
        if org.region_id is None and region_id(location.province):
            org.region_id = region_id(location.province)
            changes.append("region")
        contact_changes: list[str] = []
        if row.contact_name:
            contact = _existing_contact(contacts[org.pk], row) or Contact(
                organisation=org, function=ContactFunction.OTHER
            )
            contact_changes = _assign(contact, contact_values)
        problems = _validated(org, location, contact)
        if problems:
            report.rejected.extend((row.row, problem) for problem in problems)
            continue
        new_location = location.pk is None
        new_contact = contact is not None and contact.pk is None
        if changes:
            plan.orgs[org.pk] = org
            plan.org_fields.update(changes)
        if new_location:
            plan.added_locations.append(location)
        elif location_changes:
            plan.locations.append(location)
        if contact is not None and new_contact:
            plan.added_contacts.append(contact)
        elif contact is not None and contact_changes:
            plan.contacts.append(contact)
        if changes or location_changes or contact_changes or new_location or new_contact:
            report.updated += 1
        else:
            report.unchanged += 1

    return plan.write


# --- Running an import -----------------------------------------------------------------------

PLANNERS: dict[str, Callable[..., Writer]] = {
    "duo-locations": _plan_duo_locations,
    "duo-exams": _plan_duo_exams,
    "postcodes": _plan_postcodes,
    "organisations": _plan_organisations,
    "holidays": holidays_plan_import,
}


def run_import(
    *,
    kind: str,
    data: bytes,
    filename: str,
    options: dict[str, Any] | None = None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportReport:
    """Import one file; ``ImportRefused`` (nothing written) when the file as a whole is wrong.

    ``progress(done, total)`` is called every few hundred rows while comparing.
    """
    if kind not in PLANNERS:
        raise ImportRefused(
            _("Unknown kind of import “%(kind)s”; choose one of: %(kinds)s.")
            % {"kind": kind, "kinds": ", ".join(IMPORT_KINDS)}
        )
    report = ImportReport(kind=kind, dry_run=dry_run)
    try:
        write = PLANNERS[kind](
            data=data, filename=filename, options=options or {}, report=report, progress=progress
        )
    except FileRefused as exc:
        raise ImportRefused(exc.message) from exc
    if kind in STRICT_KINDS and report.rejected:
        rows = len({row for row, _reason in report.rejected})
        report.notes.insert(
            0,
            ngettext(
                "Nothing was saved: %(count)s row needs correcting. Correct it and import the "
                "file again.",
                "Nothing was saved: %(count)s rows need correcting. Correct them and import the "
                "file again.",
                rows,
            )
            % {"count": rows},
        )
        return report
    if dry_run:
        report.notes.insert(0, _("Checked only: nothing was saved."))
        return report
    try:
        with transaction.atomic():
            write()
    except IntegrityError as exc:
        raise ImportRefused(
            _("The registry changed while this file was being imported; import it again.")
        ) from exc
    report.saved = True
    return report


# --- Import jobs (upload page and worker) ----------------------------------------------------

PROGRESS_SECONDS = 0.5


@transaction.atomic
def import_job_create(
    *,
    kind: str,
    filename: str,
    data: bytes,
    options: dict[str, Any] | None = None,
    dry_run: bool = False,
    by: User | None = None,
) -> ImportJob:
    """Store an uploaded file as a job and queue it for a worker."""
    from verbindt.network.tasks import run_import_job  # the task module imports this one

    if kind not in IMPORT_KINDS:
        raise ValidationError(
            {"kind": _("Unknown kind of import “%(kind)s”.") % {"kind": kind}}, code="invalid"
        )
    too_large = size_problem(len(data))
    if too_large:
        raise ValidationError({"content": too_large}, code="too_large")
    job = ImportJob(
        kind=kind,
        filename=filename[:255],
        content=data,
        options=options or {},
        dry_run=dry_run,
        created_by=by,
    )
    job.full_clean()
    job.save()
    run_import_job.enqueue(job.pk)
    return job


def _job_progress(job_id: int) -> Progress:
    last = 0.0

    def progress(done: int, total: int) -> None:
        nonlocal last
        now = time.monotonic()
        if now - last >= PROGRESS_SECONDS or done == total:
            last = now
            # An UPDATE outside the import's transaction: the page polling it sees it at once.
            ImportJob.objects.filter(pk=job_id).update(processed=done, total=total)

    return progress


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Run a queued job: progress while it runs, then its report (or why it was refused)."""
    # Claimed with a conditional update so two workers never run the same job.
    claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
        status=ImportJob.Status.RUNNING
    )
    if not claimed:
        job.refresh_from_db()
        return job
    job.status = ImportJob.Status.RUNNING
    try:
        report = run_import(
            kind=job.kind,
            data=bytes(job.content),
            filename=job.filename,
            options=job.options,
            dry_run=job.dry_run,
            progress=_job_progress(job.pk),
        )
    except ImportRefused as exc:
        job.status, job.report = ImportJob.Status.FAILED, {"error": exc.message}
    except Exception:
        job.status = ImportJob.Status.FAILED
        job.report = {"error": _("The import stopped because of an unexpected error.")}
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "report", "finished_at"])
        raise
    else:
        job.status = ImportJob.Status.PREVIEWED if job.dry_run else ImportJob.Status.DONE
        job.report = report.to_dict()
    job.refresh_from_db(fields=["processed", "total"])
    job.processed = job.total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "report", "processed", "finished_at"])
    return job
