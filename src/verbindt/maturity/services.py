"""Writes for the maturity levels: recompute and store levels, mark schools stale, the
thresholds and the self-scan."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbindt.accounts.models import User
from verbindt.core.models import SchoolYear
from verbindt.maturity import rules, selectors
from verbindt.maturity.evidence import result_to_json
from verbindt.maturity.models import (
    LevelChange,
    MaturitySettings,
    SchoolLevel,
    SelfScan,
    StaleSchool,
)
from verbindt.maturity.scan import QUESTIONS
from verbindt.network.models import Organisation, OrganisationKind


def levels_mark_stale(*, organisation_ids: Iterable[int]) -> None:
    """The data of these organisations changed: recompute the schools among them once the
    changes stop (debounce). A teacher entering twenty sessions in a row causes one recompute,
    MATURITY_RECOMPUTE_DELAY seconds after the last one."""
    ids = set(selectors.schools(organisation_ids).values_list("pk", flat=True))
    if not ids:
        return
    now = timezone.now()
    StaleSchool.objects.bulk_create(
        [StaleSchool(organisation_id=pk, since=now) for pk in ids],
        update_conflicts=True,
        unique_fields=["organisation"],
        update_fields=["since"],
    )
    transaction.on_commit(_enqueue_recompute)


def _delay() -> dt.timedelta:
    return dt.timedelta(seconds=settings.MATURITY_RECOMPUTE_DELAY)


def _enqueue_recompute() -> None:
    from verbindt.maturity.tasks import recompute_stale_levels  # the task module imports this one

    recompute_stale_levels.using(run_after=timezone.now() + _delay()).enqueue()


@transaction.atomic
def levels_recompute_stale() -> int:
    """Recompute the schools whose last change is at least the delay old; a school changed
    more recently waits for the task its own change queued. Returns how many were done."""
    quiet = StaleSchool.objects.filter(since__lte=timezone.now() - _delay())
    ids = list(quiet.values_list("organisation_id", flat=True))
    if ids:
        levels_recompute(school_ids=ids)
        # Only rows still as old as read: a change during the run keeps its school waiting.
        quiet.filter(organisation_id__in=ids).delete()
    return len(ids)


@transaction.atomic
def levels_recompute(
    *,
    school_ids: list[int] | None = None,
    school_years: Iterable[SchoolYear] | None = None,
) -> int:
    """Recompute and store the level of the schools (all when ``school_ids`` is None) in each
    school year (all known ones when omitted). Returns how many levels changed."""
    limits = selectors.thresholds()
    school_list = list(selectors.schools(school_ids).values_list("pk", flat=True))
    changed = 0
    for school_year in school_years if school_years is not None else SchoolYear.objects.all():
        results = selectors.assess_schools(school_list, school_year, limits)
        stored = {
            row.organisation_id: row
            for row in SchoolLevel.objects.filter(
                school_year=school_year, organisation_id__in=school_list
            )
        }
        new_rows, updated, history = [], [], []
        for school, result in results.items():
            level, assessment = result.level.code, result_to_json(result)
            row = stored.get(school)
            previous = row.level if row else ""
            if row is None:
                new_rows.append(
                    SchoolLevel(
                        organisation_id=school,
                        school_year=school_year,
                        level=level,
                        assessment=assessment,
                    )
                )
            elif row.level != level or row.assessment != assessment:
                row.level, row.assessment, row.computed_at = level, assessment, timezone.now()
                updated.append(row)
            if previous != level:
                history.append(
                    LevelChange(
                        organisation_id=school,
                        school_year=school_year,
                        previous=previous,
                        level=level,
                    )
                )
        SchoolLevel.objects.bulk_create(new_rows, batch_size=500)
        SchoolLevel.objects.bulk_update(
            updated, ["level", "assessment", "computed_at"], batch_size=500
        )
        LevelChange.objects.bulk_create(history, batch_size=500)
        changed += len(history)
    return changed


@transaction.atomic
def thresholds_save(*, data: dict[str, Any]) -> MaturitySettings:
    """Change the thresholds; every school is recomputed in the background."""
    settings_row = MaturitySettings.objects.filter(pk=1).first() or MaturitySettings(pk=1)
    for name, value in data.items():
        setattr(settings_row, name, value)
    settings_row.full_clean()
    settings_row.save()
    levels_mark_stale(organisation_ids=selectors.schools().values_list("pk", flat=True))
    return settings_row


@transaction.atomic
def scan_save(
    *,
    organisation: Organisation,
    school_year: SchoolYear,
    answers: dict[str, Any],
    by: User | None,
) -> SelfScan:
    """Keep a school's answers for the school year (saving again replaces them)."""
    if organisation.kind != OrganisationKind.VMBO_LOCATION:
        raise ValidationError(_("Only a vmbo school fills in the scan."), code="not_a_school")
    known = {q.code for q in QUESTIONS}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise ValidationError(
            _("Unknown questions: %(codes)s"), code="unknown_question", params={"codes": unknown}
        )
    scan = SelfScan.objects.filter(organisation=organisation, school_year=school_year).first()
    scan = scan or SelfScan(organisation=organisation, school_year=school_year)
    scan.answers = {code: value for code, value in answers.items() if value not in (None, "")}
    scan.level = rules.scan_level(scan.answers).code
    scan.by = by
    scan.full_clean()
    scan.save()
    return scan
