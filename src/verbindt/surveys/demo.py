"""One national survey campaign for the demo, sent and answered, so the results show charts."""

import datetime as dt
import secrets

from django.db import transaction
from django.utils import timezone, translation

from verbindt.accounts.models import User
from verbindt.core.secrets import secret_hash
from verbindt.core.services import school_year_for_date
from verbindt.network.models import Contact, Organisation, OrganisationKind
from verbindt.surveys import services
from verbindt.surveys.models import Campaign, CampaignStatus, Recipient, TemplateQuestion

TITLE = "Samenwerking in Zorg & Welzijn: waar staan we?"
INTRO = (
    "Op de landelijke dag vertelden scholen en instellingen hoe hun samenwerking loopt. "
    "Met deze korte vragenlijst willen we weten hoe het nu gaat."
)
# (group, forms, satisfaction, what works, bottlenecks, what would help), for the 12 who answer.
ANSWERS = [
    (
        "structural",
        ["weekly_support", "pamper_day"],
        4,
        "Elke dinsdag gaan twee klassen naar het verpleeghuis voor de lunch; vaste begeleiders.",
        ["time_for_supervision"],
        "Uren voor de docent die de leerlingen begeleidt.",
    ),
    (
        "structural",
        ["buddy_project", "guest_lesson"],
        4,
        "Het buddyproject met ouderen: leerlingen groeien er zichtbaar van.",
        ["professional_time", "communication"],
        "Eén vast aanspreekpunt bij de instelling.",
    ),
    (
        "incidental",
        ["internship", "guest_lesson"],
        3,
        "Gastlessen van een wijkverpleegkundige maken het vak echt.",
        ["getting_contact", "communication"],
        "Hulp bij het vinden van een instelling in de buurt.",
    ),
    (
        "incidental",
        ["internship"],
        2,
        "De blokstage zelf gaat goed, als er eenmaal een plek is.",
        ["getting_contact", "time_for_consultation"],
        "Een overzicht van instellingen die stages bieden.",
    ),
    (
        "learning_line",
        ["joint_teaching", "experience_week", "regional_consultation"],
        5,
        "Samen lesgeven met het mbo: leerlingen weten beter wat ze na het vmbo kunnen doen.",
        ["facilitation"],
        "Structureel gefaciliteerde uren voor docenten en praktijkbegeleiders.",
    ),
    (
        "structural",
        ["weekly_support", "elective_exchange"],
        4,
        "Het keuzevak geven we samen met de thuiszorg, op hun locatie.",
        ["time_for_supervision", "transport"],
        "Vervoer voor leerlingen naar de instelling.",
    ),
    (
        "incidental",
        ["guest_lesson"],
        2,
        "Doorzetten loont: na drie keer bellen hadden we een gastles.",
        ["getting_contact", "professional_time"],
        "",
    ),
    (
        "structural",
        ["pamper_day", "weekly_support"],
        5,
        "De verwendag op school: ouderen komen graag, leerlingen zijn trots.",
        ["time_for_consultation"],
        "Een jaarplanning die we samen met de instelling maken.",
    ),
    (
        "incidental",
        ["internship", "experience_week"],
        3,
        "Meeloopdagen op het mbo geven leerlingen een goed beeld.",
        ["communication"],
        "Vaste momenten voor overleg met het mbo.",
    ),
    (
        "structural",
        ["buddy_project"],
        4,
        "Duo's van een vmbo- en een mbo-leerling bij één oudere werken heel goed.",
        ["professional_time"],
        "Meer tijd bij de instelling voor de begeleiding.",
    ),
    (
        "learning_line",
        ["joint_teaching", "regional_consultation"],
        4,
        "Het regionaal overleg: we stemmen de inhoud van vmbo en mbo echt op elkaar af.",
        ["facilitation", "time_for_consultation"],
        "Dat de regio het overleg blijft organiseren.",
    ),
    (
        "structural",
        ["weekly_support"],
        3,
        "Enthousiaste medewerkers bij de instelling.",
        ["professional_time", "communication"],
        "Minder wisselingen van contactpersoon.",
    ),
]
MIX = {
    OrganisationKind.VMBO_LOCATION: 9,
    OrganisationKind.INSTITUTION: 6,
    OrganisationKind.MBO_COLLEGE: 3,
}
DRAFTS = 3  # started, saved, not sent yet


def _recipients(campaign: Campaign) -> list[Recipient]:
    with_email = Contact.objects.filter(active=True, anonymised_at__isnull=True).exclude(email="")
    organisations = []
    # A mix like the real network's: mostly schools, then institutions, a few mbo colleges.
    for kind, count in MIX.items():
        organisations += Organisation.objects.filter(
            kind=kind, pk__in=with_email.values("organisation_id")
        ).order_by("name")[:count]
    if not organisations:
        return []
    services.recipients_choose(campaign=campaign, organisations=organisations, by=None)
    return list(campaign.recipients.order_by("email"))


@transaction.atomic
def seed_surveys() -> Campaign | None:
    """The demo campaign, created once; None when the network has no contacts to ask yet."""
    existing = Campaign.objects.filter(title=TITLE).first()
    if existing:
        return existing
    with translation.override("nl"):
        campaign = services.campaign_create(
            title=TITLE,
            intro=INTRO,
            school_year=school_year_for_date(),
            region=None,
            by=User.objects.filter(username="platform").first(),
            from_template=True,
        )
    recipients = _recipients(campaign)
    if not recipients:
        transaction.set_rollback(True)
        return None
    sent_at = timezone.now() - dt.timedelta(days=10)
    campaign.status, campaign.sent_at = CampaignStatus.SENT, sent_at
    campaign.save()
    # As if the e-mails went out: a link nobody knows (the demo sends no mail).
    for recipient in recipients:
        recipient.invited_at = sent_at
        recipient.link_hash = secret_hash(secrets.token_urlsafe(32))
        recipient.save()
    questions = {q.template_code: q.pk for q in campaign.questions.all()}
    codes = [
        TemplateQuestion.GROUP,
        TemplateQuestion.FORMS,
        TemplateQuestion.SATISFACTION,
        TemplateQuestion.WORKS,
        TemplateQuestion.BOTTLENECKS,
        TemplateQuestion.HELPS,
    ]
    for recipient, values in zip(recipients, ANSWERS, strict=False):
        answers = {questions[code]: value for code, value in zip(codes, values, strict=True)}
        services.response_save(recipient=recipient, answers=answers, submit=True)
    for recipient in recipients[len(ANSWERS) : len(ANSWERS) + DRAFTS]:
        services.response_save(
            recipient=recipient, answers={questions[TemplateQuestion.GROUP]: "incidental"}
        )
    return campaign
