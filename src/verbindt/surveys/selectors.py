"""Reads for survey campaigns, each in a fixed number of queries however many answered.

Anonymity: no figure is shown or exported for fewer than ``MIN_GROUP`` responses — not a
campaign's results, not a group of its breakdown — and open answers are never tied to a name or
organisation (they are listed in alphabetical order, not in the order of the recipients).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.collaborations.models import Bottleneck
from verbindt.core.models import Region, SchoolYear
from verbindt.network.models import Contact, Organisation, OrganisationKind
from verbindt.network.selectors import organisations_in_scope
from verbindt.surveys.models import (
    CHOICE_KINDS,
    SCALE,
    Answer,
    Campaign,
    Question,
    QuestionKind,
    Recipient,
    TemplateQuestion,
)

MIN_GROUP = 5
SUBMITTED = Q(recipients__submitted_at__isnull=False)


def campaigns_for(*, user: Any) -> QuerySet[Campaign]:
    """The campaigns the user's role runs, with how many were invited and have answered."""
    membership = active_membership(user)
    campaigns = Campaign.objects.select_related("school_year", "region")
    if membership is None or membership.role not in (
        Role.PLATFORM_COORDINATOR,
        Role.REGIONAL_COORDINATOR,
    ):
        return campaigns.none()
    if membership.role == Role.REGIONAL_COORDINATOR:
        campaigns = campaigns.filter(region_id=membership.region_id)
    return campaigns.annotate(
        recipient_count=Count("recipients"),
        invited_count=Count("recipients", filter=Q(recipients__invited_at__isnull=False)),
        responded_count=Count("recipients", filter=SUBMITTED),
    )


def rate(part: int, whole: int) -> int | None:
    """A whole percentage, or None when there is nothing to divide by."""
    return round(100 * part / whole) if whole else None


def campaign_recipients(campaign: Campaign) -> QuerySet[Recipient]:
    return campaign.recipients.select_related("organisation")


def organisations_to_ask(
    *, campaign: Campaign, user: Any, q: str = "", kind: str = "", region: str = ""
) -> QuerySet[Organisation]:
    """Organisations the coordinator may add to the campaign, with how many contacts have an
    e-mail address and whether they are on the list already."""
    organisations = organisations_in_scope(user).select_related("region")
    if campaign.region_id is not None:
        organisations = organisations.filter(region_id=campaign.region_id)
    if q:
        organisations = organisations.filter(
            Q(name__icontains=q) | Q(locations__place__icontains=q)
        )
    if kind:
        organisations = organisations.filter(kind=kind)
    if region:
        organisations = organisations.filter(region__code=region)
    with_email = Contact.objects.filter(
        organisation=OuterRef("pk"), active=True, anonymised_at__isnull=True
    ).exclude(email="")
    return (
        organisations.annotate(
            has_email=Exists(with_email),
            on_list=Exists(
                Recipient.objects.filter(campaign=campaign, organisation=OuterRef("pk"))
            ),
        )
        .distinct()
        .order_by("kind", "name", "pk")
    )


# --- Results -----------------------------------------------------------------------------


@dataclass
class ChoiceCount:
    code: str
    label: str
    count: int
    percent: int | None


@dataclass
class QuestionResult:
    question: Question
    number: int
    answered: int = 0
    counts: list[ChoiceCount] = field(default_factory=list)
    mean: float | None = None
    open_answers: list[str] = field(default_factory=list)


@dataclass
class Group:
    code: str
    label: str
    responses: int
    shown: bool = False


@dataclass
class BreakdownTable:
    result: QuestionResult
    # One row per choice: the label, then (count, percent) for each group shown.
    rows: list[tuple[str, list[tuple[int, int | None]]]]


@dataclass
class KindRate:
    kind: str
    label: str
    invited: int
    responded: int

    @property
    def percent(self) -> int | None:
        return rate(self.responded, self.invited)


@dataclass
class Results:
    campaign: Campaign
    invited: int
    responded: int
    by_kind: list[KindRate]
    enough: bool
    questions: list[QuestionResult]
    breakdown_question: Question | None = None
    groups: list[Group] = field(default_factory=list)
    breakdown: list[BreakdownTable] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return rate(self.responded, self.invited)

    @property
    def shown_groups(self) -> list[Group]:
        return [g for g in self.groups if g.shown]

    @property
    def hidden_groups(self) -> list[Group]:
        return [g for g in self.groups if not g.shown and g.responses]


def _tally(question: Question, number: int, values: list[Any]) -> QuestionResult:
    result = QuestionResult(question=question, number=number, answered=len(values))
    if question.kind == QuestionKind.OPEN:
        result.open_answers = sorted((str(v) for v in values), key=str.casefold)
        return result
    counted: Counter = Counter()
    for value in values:
        counted.update(value if isinstance(value, list) else [value])
    if question.kind == QuestionKind.SCALE:
        options = [(str(n), str(n)) for n in SCALE]
        counted = Counter({str(k): v for k, v in counted.items()})
        result.mean = round(sum(values) / len(values), 1) if values else None
    else:
        options = list(question.labels.items())
    result.counts = [
        ChoiceCount(code, label, counted[code], rate(counted[code], len(values)))
        for code, label in options
    ]
    return result


def _groups(question: Question, by_recipient: dict[int, dict[int, Any]], total: int) -> list[Group]:
    """The breakdown's groups, each shown only with at least MIN_GROUP responses — and, since
    the total is shown too, the groups left out must add up to at least MIN_GROUP as well, or
    the smallest would follow from the total minus the rest."""
    sizes = Counter(answers.get(question.pk) for answers in by_recipient.values())
    groups = [Group(code, label, sizes[code]) for code, label in question.labels.items()]
    shown = sorted((g for g in groups if g.responses >= MIN_GROUP), key=lambda g: g.responses)
    left_out = total - sum(g.responses for g in shown)
    while shown and 0 < left_out < MIN_GROUP:
        left_out += shown.pop(0).responses
    for group in shown:
        group.shown = True
    return groups


def campaign_results(campaign: Campaign) -> Results:
    """Response rates per kind of organisation, and — from MIN_GROUP responses on — the counts
    per question, the open answers and the breakdown by the breakdown question's groups."""
    questions = list(campaign.questions.order_by("order", "pk"))
    kinds = dict(OrganisationKind.choices)
    by_kind = [
        KindRate(
            row["organisation__kind"], str(kinds[row["organisation__kind"]]), row["i"], row["r"]
        )
        for row in campaign.recipients.values("organisation__kind")
        .annotate(
            i=Count("pk", filter=Q(invited_at__isnull=False)),
            r=Count("pk", filter=Q(submitted_at__isnull=False)),
        )
        .order_by("organisation__kind")
    ]
    invited = sum(k.invited for k in by_kind)
    responded = sum(k.responded for k in by_kind)
    results = Results(
        campaign=campaign,
        invited=invited,
        responded=responded,
        by_kind=by_kind,
        enough=responded >= MIN_GROUP,
        questions=[],
    )
    if not results.enough:
        return results
    by_recipient: dict[int, dict[int, Any]] = defaultdict(dict)
    for recipient_id, question_id, value in Answer.objects.filter(
        recipient__campaign=campaign, recipient__submitted_at__isnull=False
    ).values_list("recipient_id", "question_id", "value"):
        by_recipient[recipient_id][question_id] = value
    for recipient_id in Recipient.objects.filter(
        campaign=campaign, submitted_at__isnull=False
    ).values_list("pk", flat=True):
        by_recipient.setdefault(recipient_id, {})  # answered nothing optional: still counted

    def tally(recipients: list[dict[int, Any]]) -> list[QuestionResult]:
        return [
            _tally(q, n, [r[q.pk] for r in recipients if q.pk in r])
            for n, q in enumerate(questions, start=1)
        ]

    results.questions = tally(list(by_recipient.values()))
    results.breakdown_question = next((q for q in questions if q.breakdown), None)
    if results.breakdown_question is not None:
        key = results.breakdown_question.pk
        results.groups = _groups(results.breakdown_question, by_recipient, responded)
        per_group = {
            g.code: tally([r for r in by_recipient.values() if r.get(key) == g.code])
            for g in results.shown_groups
        }
        for overall in results.questions:
            if overall.question.kind == QuestionKind.OPEN or overall.question.pk == key:
                continue
            rows = []
            for index, choice in enumerate(overall.counts):
                cells = []
                for group in results.shown_groups:
                    count = per_group[group.code][overall.number - 1].counts[index]
                    cells.append((count.count, count.percent))
                rows.append((choice.label, cells))
            results.breakdown.append(BreakdownTable(result=overall, rows=rows))
    return results


def chart_data(results: Results) -> list[dict[str, Any]]:
    """What the page's charts draw (read by surveys/js/results.js from a json_script)."""
    return [
        {
            "id": f"chart-{r.question.pk}",
            "labels": [c.label for c in r.counts],
            "counts": [c.count for c in r.counts],
            "horizontal": r.question.kind in CHOICE_KINDS,
        }
        for r in results.questions
        if r.counts
    ]


# --- For the monitor's report --------------------------------------------------------------


def _campaigns_with_enough(school_year: SchoolYear, region: Region | None) -> QuerySet[Campaign]:
    campaigns = Campaign.objects.filter(school_year=school_year)
    if region is not None:
        campaigns = campaigns.filter(region=region)
    return (
        campaigns.annotate(responded=Count("recipients", filter=SUBMITTED))
        .filter(responded__gte=MIN_GROUP)
        .values("pk")
    )


def _trimmed(text: str, length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[:length].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def open_answer_quotes(
    *, school_year: SchoolYear, region: Region | None = None, limit: int = 6
) -> list[str]:
    """Quotes for the report: open-text answers from submitted responses of the school year's
    campaigns (of ``region``; ``None``: every campaign, national and regional) that have at
    least ``MIN_GROUP`` responses, without names.

    Distinct answers of some substance are preferred: first those of 40–200 characters, longest
    first, then longer ones; each is trimmed at a word to at most ~200 characters.
    """
    values = Answer.objects.filter(
        question__campaign__in=_campaigns_with_enough(school_year, region),
        question__kind=QuestionKind.OPEN,
        recipient__submitted_at__isnull=False,
    ).values_list("value", flat=True)
    seen = set()
    texts = []
    for value in values:
        text = " ".join(str(value).split())
        if len(text) >= 15 and text.casefold() not in seen:
            seen.add(text.casefold())
            texts.append(text)
    texts.sort(key=lambda t: (not 40 <= len(t) <= 200, -len(t), t))
    return [_trimmed(text, 200) for text in texts[:limit]]


def bottleneck_answer_counts(
    *, school_year: SchoolYear, region: Region | None = None
) -> dict[str, int]:
    """How often each ``collaborations.Bottleneck`` code was chosen in the template's “what holds
    your collaboration back” question, in submitted responses of the school year's campaigns (of
    ``region``; ``None``: every campaign) with at least ``MIN_GROUP`` responses. Every code is a
    key, zero when nobody chose it."""
    counts = dict.fromkeys(Bottleneck.values, 0)
    for value in Answer.objects.filter(
        question__campaign__in=_campaigns_with_enough(school_year, region),
        question__template_code=TemplateQuestion.BOTTLENECKS,
        recipient__submitted_at__isnull=False,
    ).values_list("value", flat=True):
        for code in value if isinstance(value, list) else []:
            if code in counts:
                counts[code] += 1
    return counts
