"""A level explained: each criterion in words, the records that prove it, and the next step.

The rules speak in codes and counts (``rules.Criterion``); this module turns them into plain
Dutch (or English) with links to the pages where the records are and where the next step is
taken. Stored levels keep the codes (``result_to_json``), so the words follow the language of
whoever reads them.
"""

from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from verbindt.collaborations.models import Collaboration, ConsultationMeeting, Session
from verbindt.core.models import SchoolYear
from verbindt.maturity import rules, selectors
from verbindt.maturity.models import MaturityLevel, SelfScan
from verbindt.network.models import Organisation


def result_to_json(result: rules.SchoolResult) -> dict[str, Any]:
    return {
        "level": result.level.code,
        "lead": result.lead,
        "criteria": [_criterion_json(c) for c in result.criteria],
        "collaborations": [{"id": r.id, "level": r.level.code} for r in result.collaborations],
    }


def _criterion_json(c: rules.Criterion) -> dict[str, Any]:
    return {
        "code": c.code,
        "level": c.level.code,
        "met": c.met,
        "evidence": [[e.kind, e.id, e.collaboration] for e in c.evidence],
        "counts": dict(c.counts),
    }


@dataclass
class Link:
    text: str
    url: str


@dataclass
class CriterionView:
    code: str
    level: str
    met: bool
    title: str
    detail: str
    evidence: list[Link] = field(default_factory=list)
    next_step: Link | None = None


def _title(code: str, t: rules.Thresholds) -> str:
    if code == "active":
        return _("A running collaboration in this school year")
    if code == "plan":
        text = ngettext(
            "A year plan with at least %(n)d agreement",
            "A year plan with at least %(n)d agreements",
            t.min_agreements,
        ) % {"n": t.min_agreements}
        return text + (_(", confirmed by every partner") if t.plan_confirmed_by_all else "")
    if code == "recurring":
        text = _("At least %(sessions)d sessions in %(quarters)d quarters of the school year") % {
            "sessions": t.min_sessions,
            "quarters": t.min_quarters,
        }
        if t.series_counts_as_recurring and t.series_max_interval_weeks == 1:
            text += _(", or a weekly series of at least %(length)d weeks") % {
                "length": t.series_min_weeks
            }
        elif t.series_counts_as_recurring:
            text += _(", or a series at least every %(weeks)d weeks for %(length)d weeks") % {
                "weeks": t.series_max_interval_weeks,
                "length": t.series_min_weeks,
            }
        return text
    if code == "mbo_partner":
        if t.work_field_required:
            return _("An mbo college and a care or welfare institution as partners")
        return _("An mbo college as partner")
    if code == "alignment":
        return _("At least %(n)d of content, pedagogy and didactics aligned with the mbo") % {
            "n": t.min_aligned_aspects
        }
    if code == "joint_teaching":
        return ngettext(
            "At least %(n)d session taught jointly",
            "At least %(n)d sessions taught jointly",
            t.min_joint_sessions,
        ) % {"n": t.min_joint_sessions}
    return ngettext(
        "At least %(n)d regional consultation with the partners",
        "At least %(n)d regional consultations with the partners",
        t.min_consultations,
    ) % {"n": t.min_consultations}


def _detail(code: str, counts: dict[str, int]) -> str:
    if code == "active":
        return _("Sessions recorded: %(sessions)d.") % counts
    if code == "plan":
        if "partners" not in counts:
            return _("No year plan for this school year yet.")
        return (
            _("Agreements: %(agreements)d. Confirmed by %(confirmed)d of %(partners)d partners.")
            % counts
        )
    if code == "recurring":
        return (
            _(
                "Sessions: %(sessions)d, in %(quarters)d of the 4 quarters. Regular series: "
                "%(series)d."
            )
            % counts
        )
    if code == "mbo_partner":
        return _("mbo college: %(mbo)s; work field: %(field)s.") % {
            "mbo": _("yes") if counts.get("mbo") else _("no"),
            "field": _("yes") if counts.get("work_field") else _("no"),
        }
    if code == "alignment":
        return _("Aligned: %(aligned)d of 3.") % counts
    if code == "joint_teaching":
        return _("Sessions taught jointly: %(sessions)d.") % counts
    return _("Regional consultations: %(meetings)d.") % counts


def _next_step(code: str, counts: dict[str, int], lead: int | None, year: SchoolYear) -> Link:
    def at(name: str, *args: Any) -> str:
        return reverse(name, args=(lead, *args)) if lead else reverse("collaboration_create")

    if code == "active":
        return Link(
            _(
                "Start a collaboration: find a partner nearby and record it, even a single guest "
                "lesson."
            ),
            reverse("collaboration_create"),
        )
    if code == "plan":
        if counts.get("partners") and counts.get("agreements"):
            text = _("Ask every partner to confirm the latest version of the year plan.")
        else:
            text = _(
                "Make a year plan with one partner, with agreements for the whole school year."
            )
        return Link(text, at("plan_detail", year.start_year))
    if code == "recurring":
        return Link(
            _(
                "Spread the sessions over the school year, or plan a weekly series that skips "
                "the school holidays."
            ),
            at("series_add"),
        )
    if code == "mbo_partner":
        return Link(
            _(
                "Invite an mbo college into this collaboration, e.g. for experience weeks or "
                "joint lessons."
            ),
            at("partners"),
        )
    if code == "alignment":
        return Link(
            _("Align content, pedagogy and didactics with the mbo and record how far you are."),
            at("learning_line"),
        )
    if code == "joint_teaching":
        return Link(
            _(
                "Teach (part of) a lesson together with the mbo or the work field and record it "
                "as taught jointly."
            ),
            at("session_add"),
        )
    return Link(
        _("Meet the mbo and the work field in a regional consultation and record it."),
        at("learning_line"),
    )


def _evidence_links(assessment: dict[str, Any], year: SchoolYear) -> dict[tuple[str, int], Link]:
    """The text and address of every record the criteria name, in three queries at most."""
    wanted: dict[str, set[int]] = {"collaboration": set(), "session": set(), "meeting": set()}
    for criterion in assessment.get("criteria", []):
        for kind, pk, collaboration in criterion["evidence"]:
            wanted["collaboration"].add(collaboration)
            if kind in wanted:
                wanted[kind].add(pk)
    titles = dict(
        Collaboration.objects.filter(pk__in=wanted["collaboration"]).values_list("pk", "title")
    )
    links: dict[tuple[str, int], Link] = {}
    for pk, title in titles.items():
        detail = reverse("collaboration_detail", args=(pk,))
        links["collaboration", pk] = Link(title, detail)
        links["plan", pk] = Link(
            _("Year plan %(year)s") % {"year": year.label},
            reverse("plan_detail", args=(pk, year.start_year)),
        )
        links["series", pk] = Link(_("Series of sessions"), f"{detail}#sessions")
    for pk, collaboration, starts_at in Session.objects.filter(
        pk__in=wanted["session"]
    ).values_list("pk", "collaboration_id", "starts_at"):
        url = reverse("collaboration_detail", args=(collaboration,)) + "#sessions"
        links["session", pk] = Link(date_format(starts_at, "j b Y"), url)
    for pk, collaboration, day in ConsultationMeeting.objects.filter(
        pk__in=wanted["meeting"]
    ).values_list("pk", "collaboration_id", "date"):
        url = reverse("learning_line", args=(collaboration,))
        links["meeting", pk] = Link(
            _("consultation of %(date)s") % {"date": date_format(day, "j b Y")}, url
        )
    return links


def explain(
    assessment: dict[str, Any], year: SchoolYear, thresholds: rules.Thresholds
) -> list[CriterionView]:
    """Every criterion of a stored assessment in words, with evidence and next steps."""
    links = _evidence_links(assessment, year)
    lead = assessment.get("lead")
    views = []
    for criterion in assessment.get("criteria", []):
        code, counts = criterion["code"], criterion["counts"]
        evidence = []
        for kind, pk, collaboration in criterion["evidence"]:
            key = (kind, collaboration if kind in ("plan", "series") else pk)
            if key in links and links[key] not in evidence:
                evidence.append(links[key])
        views.append(
            CriterionView(
                code=code,
                level=criterion["level"],
                met=criterion["met"],
                title=_title(code, thresholds),
                detail=_detail(code, counts),
                evidence=evidence,
                next_step=None if criterion["met"] else _next_step(code, counts, lead, year),
            )
        )
    return views


def level_label(code: str | None) -> str:
    return str(dict(MaturityLevel.choices).get(code or rules.Level.NONE.code, code))


def comparison(scan_level: str, assessment: dict[str, Any], thresholds: rules.Thresholds) -> str:
    """How the self-scan compares with the recorded data, in one or two sentences."""
    data_level = assessment.get("level", rules.Level.NONE.code)
    scan, data = rules.Level.from_code(scan_level), rules.Level.from_code(data_level)
    names = {"scan": level_label(scan_level), "data": level_label(data_level)}
    if scan == data:
        return _("Your answers and your recorded data agree: %(data)s.") % names
    if scan < data:
        return (
            _(
                "Your recorded data shows %(data)s, more than you answered (%(scan)s). Perhaps the "
                "scan undersells what you do — or the records need a look."
            )
            % names
        )
    missing = [
        _title(c["code"], thresholds).lower()
        for c in assessment.get("criteria", [])
        if not c["met"] and data < rules.Level.from_code(c["level"]) <= scan
    ]
    because = "; ".join(missing) or _("no collaboration is recorded for this school year")
    return _(
        "You answered %(scan)s; your recorded data shows %(data)s because it lacks: %(because)s."
    ) % {**names, "because": because}


@dataclass
class SchoolReport:
    """A school's level in a school year as the page and the API show it: computed from the
    data as it is now, explained, with its self-scan and how the two compare."""

    result: rules.SchoolResult
    criteria: list[CriterionView]
    collaborations: list[dict[str, Any]]
    scan: SelfScan | None
    comparison: str

    @property
    def next_steps(self) -> list[CriterionView]:
        """The unmet criteria of the level above this one."""
        above = self.result.level + 1
        return [c for c in self.criteria if not c.met and rules.Level.from_code(c.level) == above]


def school_report(organisation: Organisation, school_year: SchoolYear) -> SchoolReport:
    limits = selectors.thresholds()
    result = selectors.assess_schools([organisation.pk], school_year, limits)[organisation.pk]
    assessment = result_to_json(result)
    scan = selectors.self_scan(organisation, school_year)
    return SchoolReport(
        result=result,
        criteria=explain(assessment, school_year, limits),
        collaborations=selectors.collaboration_titles(result),
        scan=scan,
        comparison=comparison(scan.level, assessment, limits) if scan else "",
    )
