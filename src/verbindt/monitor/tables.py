"""The monitor's tables — headers and rows — for the CSV/XLSX downloads and the CLI."""

from collections.abc import Callable, Iterable, Sequence

from django.utils.translation import gettext as _

from verbindt.maturity.models import MaturityLevel
from verbindt.monitor import selectors
from verbindt.monitor.selectors import Scope
from verbindt.surveys.selectors import bottleneck_answer_counts

Table = tuple[list[str], Iterable[Sequence[object]]]


def _scope_columns(scope: Scope) -> list[object]:
    return [scope.school_year.label, scope.region.name if scope.region else _("the Netherlands")]


def levels(scope: Scope) -> Table:
    rows = selectors.level_distribution(scope)
    labels = dict(MaturityLevel.choices)
    headers = [_("School year"), _("Region"), *(str(labels[lv]) for lv in selectors.LEVELS)]
    headers += [_("Schools"), _("Structural (%)"), _("Continuous learning line (%)")]
    body = []
    for row in [*rows, selectors.level_totals(rows)] if len(rows) > 1 else rows:
        name = row.region.name if row.region else _("the Netherlands")
        body.append(
            [
                scope.school_year.label,
                name,
                *(row.counts[lv] for lv in selectors.LEVELS),
                row.total,
                *(round(100 * row.share(lv), 1) for lv in ("structural", "learning_line")),
            ]
        )
    return headers, body


def forms(scope: Scope) -> Table:
    headers = [_("School year"), _("Area"), _("Form"), _("Collaborations"), _("Sessions")]
    headers.append(_("Students reached"))
    return headers, (
        [*_scope_columns(scope), row.label, row.collaborations, row.sessions, row.students]
        for row in selectors.form_figures(scope)
    )


def combinations(scope: Scope) -> Table:
    counts = selectors.partner_combinations(scope)
    headers = [_("School year"), _("Area"), _("Who works together"), _("Collaborations")]
    return headers, (
        [*_scope_columns(scope), str(label), counts[code]]
        for code, label in selectors.COMBINATIONS.items()
    )


def bottlenecks(scope: Scope) -> Table:
    headers = [_("School year"), _("Area"), _("Bottleneck"), _("Collaborations naming it")]
    headers.append(_("Chosen in surveys"))
    answers = bottleneck_answer_counts(school_year=scope.school_year, region=scope.region)
    return headers, (
        [*_scope_columns(scope), label, n, answers[code]]
        for code, label, n in selectors.bottleneck_figures(scope)
    )


def hours(scope: Scope) -> Table:
    figures = selectors.hours(scope)
    headers = [_("School year"), _("Area"), _("Hours of")]
    headers += [_("Facilitated (year plans)"), _("Spent (sessions)")]
    return headers, (
        [*_scope_columns(scope), str(label), figures.facilitated[kind], figures.spent[kind]]
        for kind, label in selectors.HOUR_KINDS.items()
    )


def trends(scope: Scope) -> Table:
    labels = dict(MaturityLevel.choices)
    headers = [
        _("School year"),
        _("Area"),
        *(str(labels[lv]) for lv in selectors.LEVELS),
        _("Collaborations"),
        _("Sessions"),
        _("Students reached"),
    ]
    area = _scope_columns(scope)[1]
    return headers, (
        [
            row.school_year.label,
            area,
            *(row.levels[lv] for lv in selectors.LEVELS),
            row.collaborations,
            row.sessions,
            row.students,
        ]
        for row in selectors.trends(scope)
    )


def stalled(scope: Scope) -> Table:
    headers = [_("School year"), _("School"), _("DUO code"), _("Region"), _("Contact attempts")]
    year = scope.school_year.label
    return headers, (
        [year, school.name, school.duo_code, str(school.region or ""), school.attempts]
        for school in selectors.stalled_outreach(scope)
    )


TABLES: dict[str, Callable[[Scope], Table]] = {
    "levels": levels,
    "forms": forms,
    "combinations": combinations,
    "bottlenecks": bottlenecks,
    "hours": hours,
    "trends": trends,
    "stalled": stalled,
}


def filename(table: str, scope: Scope) -> str:
    area = scope.region.code if scope.region else "nl"
    return f"monitor-{table}-{area}-{scope.school_year.label}"
