"""A national campaign from the template, and quick ways to give it respondents."""

import itertools

import pytest
from django.utils import timezone

from verbindt.core.services import school_year_for_date
from verbindt.network.models import Contact, Organisation, OrganisationKind
from verbindt.surveys import services
from verbindt.surveys.models import Recipient, TemplateQuestion

_numbers = itertools.count(1)


@pytest.fixture
def year(db):
    return school_year_for_date()


@pytest.fixture
def contacts(world):
    """One contact with an e-mail address at each organisation of the world but the outsider's
    school, which has a contact without one."""
    made = {}
    for org in (
        world.school_a,
        world.school_b,
        world.mbo_college,
        world.institution,
        world.institution_zuid,
    ):
        made[org.pk] = Contact.objects.create(
            organisation=org,
            name=f"Contact {org.name}",
            function="coordinator",
            email=f"contact{org.pk}@example.org",
        )
    Contact.objects.create(
        organisation=world.outsider_school, name="Zonder mail", function="teacher"
    )
    return made


@pytest.fixture
def campaign(world, year):
    return services.campaign_create(
        title="Samenwerking 2025",
        school_year=year,
        region=None,
        by=world.platform,
        from_template=True,
    )


def question(campaign, code):
    return campaign.questions.get(template_code=code)


def respondent(campaign, *, kind=OrganisationKind.VMBO_LOCATION, region=None, name=""):
    """A recipient who was invited (as if the e-mail went out), at an organisation of its own."""
    number = next(_numbers)
    org = Organisation.objects.create(
        name=name or f"Organisatie {number}", kind=kind, region=region or campaign.region
    )
    return Recipient.objects.create(
        campaign=campaign,
        organisation=org,
        name=f"Persoon {number}",
        email=f"persoon{number}@example.org",
        invited_at=timezone.now(),
    )


def answer(
    campaign,
    *,
    group="structural",
    forms=("internship",),
    satisfaction=4,
    works="De vaste contactpersoon",
    bottlenecks=("communication",),
    helps="",
    **kwargs,
):
    """A submitted response to the template questions."""
    recipient = respondent(campaign, **kwargs)
    values = {
        TemplateQuestion.GROUP: group,
        TemplateQuestion.FORMS: list(forms),
        TemplateQuestion.SATISFACTION: satisfaction,
        TemplateQuestion.WORKS: works,
        TemplateQuestion.BOTTLENECKS: list(bottlenecks),
        TemplateQuestion.HELPS: helps,
    }
    answers = {question(campaign, code).pk: value for code, value in values.items()}
    return services.response_save(recipient=recipient, answers=answers, submit=True)


def sent(campaign):
    """The campaign marked as sent, without queuing anything."""
    campaign.status = "sent"
    campaign.sent_at = timezone.now()
    campaign.save()
    return campaign
