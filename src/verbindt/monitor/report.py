"""The printable report *Stand van de samenwerking*: the monitor's figures of one scope as an A4
PDF with charts, made with Vega-Altair, vl-convert (SVG, no network) and WeasyPrint.

``report_pdf`` needs no request: the page's worker task and ``verbindt report pdf`` both call
it. The stored reports the pages ask for (``Report``) are created and run here as well.
"""

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from verbindt.collaborations.models import Evaluation, Form, Partner
from verbindt.maturity.models import MaturityLevel
from verbindt.monitor import selectors
from verbindt.monitor.models import Report
from verbindt.monitor.selectors import COMBINATIONS, HOUR_KINDS, LEVELS, Dashboard, Scope
from verbindt.network.models import Contact, Sector
from verbindt.surveys.selectors import open_answer_quotes

Progress = Callable[[int, int], None]

QUOTES = 6  # quotes in a report, the surveys' first
SURVEY_QUOTES = 4
QUOTE_LENGTH = 280  # characters; a longer answer is cut at a word
FONT = "DejaVu Sans"
CHART_WIDTH = 520  # px of the plot area; A4 minus the margins holds about 650 px
LEVEL_COLOURS: dict[str, str] = {
    MaturityLevel.NONE: "#aab4b4",
    MaturityLevel.INCIDENTAL: "#e08a3c",
    MaturityLevel.STRUCTURAL: "#3b78c2",
    MaturityLevel.LEARNING_LINE: "#2e8b57",
}
BRAND = "#0b6e69"
LEVEL_HELP: dict[str, Any] = {
    MaturityLevel.NONE: gettext_lazy(
        "No collaboration of the school is running in this school year, or none is recorded."
    ),
    MaturityLevel.INCIDENTAL: gettext_lazy(
        "The school takes part in at least one running collaboration, such as a guest lesson "
        "or a pamper day, but not yet on a fixed footing."
    ),
    MaturityLevel.STRUCTURAL: gettext_lazy(
        "A collaboration has a year plan with agreements that every partner confirmed, and "
        "sessions spread over the school year."
    ),
    MaturityLevel.LEARNING_LINE: gettext_lazy(
        "vmbo and mbo have aligned what, how and when they teach, teach together and meet in "
        "regional consultation: one continuous learning line from vmbo to mbo and the work "
        "field."
    ),
}
# The steps ``progress`` counts: the figures, the quotes, four charts and the PDF itself.
STEPS = 7


# --- Numbers as the reader's language writes them --------------------------------------------


def number(value: float | int | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    return formats.number_format(value, decimals, use_l10n=True, force_grouping=True)


def percent(part: float, whole: float) -> str:
    return number(100 * part / whole, 0) + "%" if whole else "—"


# --- Quotes ----------------------------------------------------------------------------------


def _shortened(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= QUOTE_LENGTH:
        return text
    return text[:QUOTE_LENGTH].rsplit(" ", 1)[0].rstrip(",.;:") + " …"


def _without_names(text: str, names: Iterable[str]) -> str:
    """The text with the names of the partners and their contacts left out."""
    for name in sorted({n.strip() for n in names if len(n.strip()) >= 3}, key=len, reverse=True):
        text = re.sub(re.escape(name), "[…]", text, flags=re.IGNORECASE)
    return text


def evaluation_quotes(scope: Scope, limit: int) -> list[str]:
    """What went well, from the year's evaluations of the scope's collaborations, newest first;
    never with a name: the names of the partners, their contacts and the writer are cut out."""
    if limit <= 0:
        return []
    rows = list(
        Evaluation.objects.filter(
            collaboration__in=selectors.collaborations_in(scope), school_year=scope.school_year
        )
        .exclude(went_well="")
        .order_by("-at", "-pk")
        .values_list("collaboration_id", "went_well", "by__first_name", "by__last_name")[
            : limit * 3
        ]
    )
    partners = list(
        Partner.objects.filter(collaboration_id__in={row[0] for row in rows}).values_list(
            "collaboration_id", "organisation_id", "organisation__name"
        )
    )
    contacts: dict[int, list[str]] = {}
    for organisation_id, name in Contact.objects.filter(
        organisation_id__in={row[1] for row in partners}
    ).values_list("organisation_id", "name"):
        contacts.setdefault(organisation_id, []).append(name)
    names: dict[int, list[str]] = {}
    for collaboration_id, organisation_id, organisation_name in partners:
        names.setdefault(collaboration_id, []).extend(
            [organisation_name, *contacts.get(organisation_id, [])]
        )
    quotes: list[str] = []
    seen: set[str] = set()
    for collaboration_id, text, first, last in rows:
        writer = [first or "", last or "", f"{first} {last}"]
        quote = _shortened(_without_names(text, [*names.get(collaboration_id, []), *writer]))
        if len(quote) >= 3 and quote.lower() not in seen:
            seen.add(quote.lower())
            quotes.append(quote)
        if len(quotes) == limit:
            break
    return quotes


# --- Charts ----------------------------------------------------------------------------------


def _svg(chart: Any) -> SafeString:
    """The chart as inline SVG: text stays text (selectable, sharp); nothing is fetched."""
    import vl_convert

    language = translation.get_language() or settings.LANGUAGE_CODE
    locale: Literal["nl-NL", "en-US"] = "nl-NL" if language.startswith("nl") else "en-US"
    svg = vl_convert.vegalite_to_svg(
        chart.to_dict(validate=False), allowed_base_urls=[], format_locale=locale
    )
    # Its own size in CSS pixels, so every chart's text has the same size on paper.
    return mark_safe(svg)  # noqa: S308 — vl-convert's own output, its texts escaped by it


def _configured(chart: Any) -> Any:
    return (
        chart.configure(font=FONT, background="white")
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=12, titleFontSize=12, labelLimit=260, grid=True)
        .configure_legend(labelFontSize=12, titleFontSize=12, orient="bottom", labelLimit=260)
    )


def levels_chart(board: Dashboard) -> SafeString | None:
    """Each region's schools as one bar, split by level (shares, so regions compare)."""
    import altair as alt

    if not board.level_total.total:
        return None
    labels = dict(MaturityLevel.choices)
    names = [str(capfirst(labels[lv])) for lv in LEVELS]
    rows = [
        {
            "area": row.region.name if row.region else _("no region"),
            "level": str(capfirst(labels[lv])),
            "order": index,
            "schools": row.counts[lv],
        }
        for row in board.levels
        if row.total
        for index, lv in enumerate(LEVELS)
    ]
    chart = (
        alt.Chart(alt.Data(values=rows))
        .mark_bar()
        .encode(
            y=alt.Y("area:N", title=None, sort=None),
            x=alt.X(
                "schools:Q",
                stack="normalize",
                title=_("Share of schools"),
                axis=alt.Axis(format="%"),
            ),
            color=alt.Color(
                "level:N",
                title=_("Level"),
                sort=names,
                scale=alt.Scale(domain=names, range=[LEVEL_COLOURS[lv] for lv in LEVELS]),
            ),
            order=alt.Order("order:Q"),
        )
        .properties(width=CHART_WIDTH, height=alt.Step(24))
    )
    return _svg(_configured(chart))


def _count_axis(most: int) -> Any:
    """Whole numbers only: a count of 2 gets ticks 0, 1, 2 rather than 0, 0.5, …"""
    import altair as alt

    if most <= 10:
        return alt.Axis(values=list(range(most + 1)), format="d")
    return alt.Axis(format="d")


def _bars(rows: Sequence[tuple[str, int]], title: str, colour: str = BRAND) -> SafeString | None:
    import altair as alt

    if not any(n for _label, n in rows):
        return None
    data = [{"label": str(capfirst(label)), "n": n} for label, n in rows]
    base = alt.Chart(alt.Data(values=data)).encode(
        y=alt.Y("label:N", title=None, sort=None),
        x=alt.X("n:Q", title=title, axis=_count_axis(max(n for _label, n in rows))),
    )
    chart = base.mark_bar(color=colour) + base.mark_text(align="left", dx=3, fontSize=11).encode(
        text="n:Q"
    )
    return _svg(_configured(chart.properties(width=CHART_WIDTH - 160, height=alt.Step(20))))


def forms_chart(board: Dashboard) -> SafeString | None:
    rows = sorted(board.forms, key=lambda row: -row.collaborations)
    return _bars([(row.label, row.collaborations) for row in rows], _("Collaborations"))


def bottlenecks_chart(board: Dashboard) -> SafeString | None:
    return _bars(
        [(label, n) for _code, label, n in board.bottlenecks], _("Collaborations"), "#b85c12"
    )


def trends_chart(board: Dashboard) -> SafeString | None:
    """Collaborations, sessions and students over the years (each its own scale), and the
    schools per level below."""
    import altair as alt

    if len(board.trends) < 2 or not any(
        row.collaborations or row.sessions or row.students or sum(row.levels.values())
        for row in board.trends
    ):
        return None
    measures = [_("Collaborations"), _("Sessions"), _("Students reached")]
    rows = [
        {"year": row.school_year.label, "measure": measure, "value": value}
        for row in board.trends
        for measure, value in zip(
            measures, (row.collaborations, row.sessions, row.students), strict=True
        )
    ]
    activity = (
        alt.Chart(alt.Data(values=rows))
        .mark_line(point=True, color=BRAND)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=-40, labelFontSize=9)),
            y=alt.Y("value:Q", title=None, axis=alt.Axis(format=",d")),
        )
        .properties(width=(CHART_WIDTH - 80) // 3, height=120)
        .facet(column=alt.Column("measure:N", title=None, sort=measures))
        .resolve_scale(y="independent")
    )
    labels = dict(MaturityLevel.choices)
    names = [str(capfirst(labels[lv])) for lv in LEVELS]
    level_rows = [
        {
            "year": row.school_year.label,
            "level": str(capfirst(labels[lv])),
            "schools": row.levels[lv],
        }
        for row in board.trends
        for lv in LEVELS
    ]
    levels = (
        alt.Chart(alt.Data(values=level_rows))
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y(
                "schools:Q",
                title=_("Schools"),
                axis=_count_axis(max(n for row in board.trends for n in row.levels.values())),
            ),
            color=alt.Color(
                "level:N",
                title=_("Level"),
                sort=names,
                scale=alt.Scale(domain=names, range=[LEVEL_COLOURS[lv] for lv in LEVELS]),
            ),
        )
        .properties(width=CHART_WIDTH - 60, height=130)
    )
    return _svg(_configured(alt.vconcat(activity, levels, spacing=28)))


# --- The report ------------------------------------------------------------------------------


@dataclass
class KeyFigure:
    value: str
    label: str


def _key_figures(board: Dashboard, schools: int) -> list[KeyFigure]:
    current = next(
        (row for row in board.trends if row.school_year.pk == board.scope.school_year.pk), None
    )
    total = board.level_total
    structural = total.counts[MaturityLevel.STRUCTURAL] + total.counts[MaturityLevel.LEARNING_LINE]
    enthusiasm = board.enthusiasm.average
    return [
        KeyFigure(number(schools), _("vmbo schools")),
        KeyFigure(number(board.collaborations), _("collaborations this school year")),
        KeyFigure(number(current.sessions if current else 0), _("sessions held")),
        KeyFigure(number(current.students if current else 0), _("students reached")),
        KeyFigure(percent(structural, total.total), _("of the schools structural or further")),
        KeyFigure(
            number(enthusiasm, 1) if enthusiasm is not None else "—",
            _("student enthusiasm (1–5)"),
        ),
    ]


def report_context(scope: Scope, *, progress: Progress | None = None) -> dict[str, Any]:
    """Everything the template shows, the charts already SVG; ``progress`` after each step."""
    step = _stepper(progress)
    board = selectors.dashboard(scope)
    schools = board.level_total.total
    step()
    survey = open_answer_quotes(
        school_year=scope.school_year, region=scope.region, limit=SURVEY_QUOTES
    )
    quotes = evaluation_quotes(scope, QUOTES - len(survey))
    step()
    charts = {}
    for name, draw in (
        ("levels", levels_chart),
        ("forms", forms_chart),
        ("bottlenecks", bottlenecks_chart),
        ("trends", trends_chart),
    ):
        charts[name] = draw(board)
        step()
    labels = dict(MaturityLevel.choices)
    level_rows = [row for row in board.levels if row.total or row.region]
    named = [row for row in board.bottlenecks if row[2]]
    hours = board.hours
    return {
        "scope": scope,
        "area": scope.label,
        "school_year": scope.school_year.label,
        "form_label": dict(Form.choices).get(scope.form, ""),
        "sector_label": dict(Sector.choices).get(scope.sector, ""),
        "today": timezone.localdate(),
        "board": board,
        "schools": schools,
        "key_figures": _key_figures(board, schools),
        "levels": [
            (lv, str(capfirst(labels[lv])), LEVEL_HELP[lv], LEVEL_COLOURS[lv]) for lv in LEVELS
        ],
        "level_rows": [
            {
                "name": row.region.name if row.region else _("no region"),
                "counts": [number(row.counts[lv]) for lv in LEVELS],
                "total": number(row.total),
                "further": percent(
                    row.counts[MaturityLevel.STRUCTURAL] + row.counts[MaturityLevel.LEARNING_LINE],
                    row.total,
                ),
            }
            for row in level_rows
        ],
        "level_total": {
            "counts": [number(board.level_total.counts[lv]) for lv in LEVELS],
            "total": number(schools),
            "further": _key_figures(board, schools)[4].value,
        }
        if len(level_rows) > 1
        else None,
        "forms": [
            (row.label, number(row.collaborations), number(row.sessions), number(row.students))
            for row in board.forms
        ],
        "combinations": [
            (str(COMBINATIONS[code]), number(n)) for code, n in board.combinations.items()
        ],
        "bottlenecks": named,
        "top_bottleneck": named[0] if named else None,
        "hours": [
            (
                str(label),
                number(hours.facilitated[kind]),
                number(hours.spent[kind]),
                percent(hours.spent[kind], hours.facilitated[kind]),
            )
            for kind, label in HOUR_KINDS.items()
        ],
        "hours_total": (
            number(hours.facilitated_total),
            number(hours.spent_total),
            percent(hours.spent_total, hours.facilitated_total),
        ),
        "trends": [
            {
                "year": row.school_year.label,
                "collaborations": number(row.collaborations),
                "sessions": number(row.sessions),
                "students": number(row.students),
                "further": percent(
                    row.levels[MaturityLevel.STRUCTURAL] + row.levels[MaturityLevel.LEARNING_LINE],
                    sum(row.levels.values()),
                ),
            }
            for row in board.trends
        ],
        "quotes": [*survey, *quotes],
        "survey_quotes": len(survey),
        "charts": charts,
    }


def _stepper(progress: Progress | None) -> Callable[[], None]:
    done = 0

    def step() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, STEPS)

    return step


def report_html(scope: Scope, *, progress: Progress | None = None) -> str:
    return render_to_string("monitor/report.html", report_context(scope, progress=progress))


def report_pdf(scope: Scope, *, progress: Progress | None = None, language: str = "") -> bytes:
    """The report as PDF bytes, in ``language`` (the site's default, Dutch, when empty).

    ``progress(done, total)`` is called after each of the ``STEPS`` steps.
    """
    # WeasyPrint and fontTools log every step and glyph at INFO: a worker's log drowns in it.
    for name in ("weasyprint", "weasyprint.progress", "fontTools"):
        logging.getLogger(name).setLevel(max(logging.WARNING, logging.getLogger(name).level))
    from weasyprint import HTML  # heavy: loaded only when a PDF is asked for

    with translation.override(language or settings.LANGUAGE_CODE):
        html = report_html(scope, progress=progress)
        pdf = HTML(string=html).write_pdf()
    if progress is not None:
        progress(STEPS, STEPS)
    return bytes(pdf)


def report_filename(scope: Scope) -> str:
    area = scope.region.code if scope.region else "nederland"
    parts = ["stand-van-de-samenwerking", area, scope.school_year.label]
    parts += [part for part in (scope.form, scope.sector) if part]
    return "-".join(parts).replace("_", "-") + ".pdf"


def report_scope(report: Report) -> Scope:
    return Scope(report.school_year, report.region, report.form, report.sector)
