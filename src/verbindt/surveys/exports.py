"""The campaign pages' tables as CSV or XLSX.

Results and open answers carry no recipient name or organisation, and follow the same rule as
the page: nothing per question below ``MIN_GROUP`` responses, no breakdown group below it.
"""

from collections.abc import Iterable

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from verbindt.core.tables import table_response
from verbindt.surveys import selectors
from verbindt.surveys.models import Campaign


def _when(value: object) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""  # type: ignore[attr-defined]


def campaigns_table(fmt: str, campaigns: Iterable[Campaign]) -> HttpResponse:
    headers = [
        _("Campaign"),
        _("School year"),
        _("Region"),
        _("Status"),
        _("Invited"),
        _("Responded"),
        _("Response rate (%)"),
    ]
    rows = [
        [
            c.title,
            c.school_year.label,
            c.region.name if c.region else _("national"),
            c.get_status_display(),
            c.invited_count,  # type: ignore[attr-defined]
            c.responded_count,  # type: ignore[attr-defined]
            selectors.rate(c.responded_count, c.invited_count),  # type: ignore[attr-defined]
        ]
        for c in campaigns
    ]
    return table_response(fmt, _("survey-campaigns"), headers, rows)


def _not_shown() -> str:
    return _("Fewer than %(min)s responses: not shown") % {"min": selectors.MIN_GROUP}


def _recipients(campaign: Campaign) -> tuple[list[str], list[list[object]]]:
    headers = [
        _("Organisation"),
        _("Kind"),
        _("Name"),
        _("E-mail"),
        _("Invited at"),
        _("Reminded at"),
        _("Submitted at"),
    ]
    rows: list[list[object]] = [
        [
            r.organisation.name,
            r.organisation.get_kind_display(),
            r.name,
            r.email,
            _when(r.invited_at),
            _when(r.reminded_at),
            _when(r.submitted_at),
        ]
        for r in selectors.campaign_recipients(campaign)
    ]
    return headers, rows


def _response_rate(results: selectors.Results) -> tuple[list[str], list[list[object]]]:
    headers = [_("Kind of organisation"), _("Invited"), _("Responded"), _("Response rate (%)")]
    rows: list[list[object]] = [
        [k.label, k.invited, k.responded, k.percent] for k in results.by_kind
    ]
    rows.append([_("Total"), results.invited, results.responded, results.percent])
    return headers, rows


def _results(results: selectors.Results) -> tuple[list[str], list[list[object]]]:
    headers = [
        _("Number"),
        _("Question"),
        _("Breakdown group"),
        _("Responses in group"),
        _("Answer"),
        _("Count"),
        _("Percentage"),
    ]
    if not results.enough:
        return headers, [["", "", _("All"), "", _not_shown(), "", ""]]
    everyone = _("All")
    rows: list[list[object]] = []
    for r in results.questions:
        for c in r.counts:
            rows.append(
                [
                    r.number,
                    r.question.text,
                    everyone,
                    results.responded,
                    c.label,
                    c.count,
                    c.percent,
                ]
            )
    for table in results.breakdown:
        for label, cells in table.rows:
            for group, (count, percent) in zip(results.shown_groups, cells, strict=True):
                rows.append(
                    [
                        table.result.number,
                        table.result.question.text,
                        group.label,
                        group.responses,
                        label,
                        count,
                        percent,
                    ]
                )
    for group in results.hidden_groups:
        rows.append(["", "", group.label, "", _not_shown(), "", ""])
    return headers, rows


def _open_answers(results: selectors.Results) -> tuple[list[str], list[list[object]]]:
    headers = [_("Number"), _("Question"), _("Answer")]
    if not results.enough:
        return headers, [["", "", _not_shown()]]
    rows: list[list[object]] = [
        [r.number, r.question.text, text] for r in results.questions for text in r.open_answers
    ]
    return headers, rows


TABLES = {
    "recipients": lambda campaign: _recipients(campaign),
    "response-rate": lambda campaign: _response_rate(selectors.campaign_results(campaign)),
    "results": lambda campaign: _results(selectors.campaign_results(campaign)),
    "open-answers": lambda campaign: _open_answers(selectors.campaign_results(campaign)),
}


def campaign_table(fmt: str, campaign: Campaign, table: str) -> HttpResponse:
    if table not in TABLES:
        raise Http404(table)
    headers, rows = TABLES[table](campaign)
    return table_response(fmt, f"{slugify(campaign.title)[:40]}-{table}", headers, rows)
