"""Invitations and reminders through the real worker (``db_worker --batch``) and a real SMTP
server on loopback; the worker commits in transactions of its own, so these tests do too."""

import re

import pytest
from django.core.management import call_command

from verbindt.core.secrets import secret_hash
from verbindt.surveys import services
from verbindt.surveys.models import Recipient

pytestmark = pytest.mark.django_db(transaction=True)


def run_worker():
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def link_in(mail):
    return re.search(r"http://testserver(/surveys/r/[\w-]+/)", mail.get_content()).group(1)


def test_invitations_go_out_by_email_with_a_personal_link_kept_only_as_a_hash(
    world, campaign, contacts, smtp_inbox, client
):
    services.recipients_choose(
        campaign=campaign, organisations=[world.school_a, world.institution], by=world.platform
    )
    assert services.campaign_send(campaign=campaign, site_url="http://testserver/") == 2
    assert smtp_inbox.messages == []  # queued, not sent by the request
    run_worker()

    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted(
        [contacts[world.school_a.pk].email, contacts[world.institution.pk].email]
    )
    mail = next(m for m in smtp_inbox.messages if m["To"] == contacts[world.school_a.pk].email)
    assert mail["Subject"] == "Vragenlijst: Samenwerking 2025"
    body = mail.get_content()
    assert "Beste Contact IJsselborg vmbo Deventer," in body
    link = link_in(mail)
    key = link.split("/")[-2]
    recipient = Recipient.objects.get(email=mail["To"])
    assert recipient.invited_at and recipient.link_hash == secret_hash(key)
    assert key not in str(list(Recipient.objects.values()))
    page = client.get(link)
    assert page.status_code == 200
    assert "In welke groep valt jullie samenwerking?" in page.content.decode()

    # Sending again invites nobody twice.
    with pytest.raises(Exception, match="Iedereen op de lijst"):
        services.campaign_send(campaign=campaign, site_url="http://testserver/")


def test_a_reminder_reaches_only_who_has_not_answered_with_a_new_link(
    world, campaign, contacts, smtp_inbox, client
):
    services.recipients_choose(
        campaign=campaign,
        organisations=[world.school_a, world.school_b, world.institution],
        by=world.platform,
    )
    services.campaign_send(campaign=campaign, site_url="http://testserver/")
    run_worker()
    links = {m["To"]: link_in(m) for m in smtp_inbox.messages}
    group = campaign.questions.get(template_code="group")
    done = contacts[world.school_a.pk].email
    client.post(links[done], {group.field_name: "structural", "submit": ""})
    assert Recipient.objects.get(email=done).submitted_at is not None
    started = contacts[world.school_b.pk].email
    client.post(links[started], {group.field_name: "incidental", "save": ""})
    smtp_inbox.messages.clear()

    assert services.campaign_remind(campaign=campaign, site_url="http://testserver/") == 2
    run_worker()
    assert sorted(m["To"] for m in smtp_inbox.messages) == sorted(
        [started, contacts[world.institution.pk].email]
    )
    reminder = next(m for m in smtp_inbox.messages if m["To"] == started)
    assert reminder["Subject"] == "Herinnering: Samenwerking 2025"
    assert "vervangt die uit eerdere e-mails" in reminder.get_content()
    assert client.get(links[started]).status_code == 404  # the old link is replaced
    page = client.get(link_in(reminder))
    assert re.search(r'value="incidental"[^>]*checked', page.content.decode())  # kept


def test_an_unreachable_smtp_server_leaves_the_recipient_uninvited(
    world, campaign, contacts, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    services.recipients_choose(campaign=campaign, organisations=[world.school_a], by=None)
    services.campaign_send(campaign=campaign, site_url="http://testserver/")
    run_worker()
    recipient = Recipient.objects.get()
    assert recipient.invited_at is None and recipient.link_hash == ""  # tried again next send
