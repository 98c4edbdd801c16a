"""Named actors, one per role, and an outsider from an unrelated school who must see nothing.

Region Oost: two vmbo locations (A, B), an mbo college and an institution.
Region Zuid: the outsider's school and an institution.
"""

import socket
from email import message_from_bytes, policy
from types import SimpleNamespace

import pytest
from aiosmtpd.controller import Controller

from verbindt.accounts.models import Role
from verbindt.accounts.services import membership_create, user_create
from verbindt.core.models import Region
from verbindt.core.services import regions_ensure_defaults
from verbindt.network.models import Organisation, OrganisationKind

PASSWORD = "a-long-test-password-42"


def _org(name: str, kind: str, region: Region | None) -> Organisation:
    return Organisation.objects.create(name=name, kind=kind, region=region)


def _actor(username: str, organisation: Organisation, role: str, region: Region | None = None):
    user = user_create(
        username=username,
        email=f"{username}@example.org",
        first_name=username.capitalize(),
        password=PASSWORD,
    )
    membership_create(user=user, organisation=organisation, role=role, region=region)
    return user


@pytest.fixture
def world(db):
    regions = regions_ensure_defaults()  # a transactional test before may have flushed them
    oost, zuid = regions["oost"], regions["zuid"]
    w = SimpleNamespace(oost=oost, zuid=zuid)
    w.platform_org = _org("Platform VMBO Zorg & Welzijn", OrganisationKind.OTHER, None)
    w.school_a = _org("IJsselborg vmbo Deventer", OrganisationKind.VMBO_LOCATION, oost)
    w.school_b = _org("Vechtdal vmbo Ommen", OrganisationKind.VMBO_LOCATION, oost)
    w.mbo_college = _org("ROC IJsselvallei Deventer", OrganisationKind.MBO_COLLEGE, oost)
    w.institution = _org("Woonzorgcentrum De Linde Deventer", OrganisationKind.INSTITUTION, oost)
    w.outsider_school = _org("Maasoever vmbo Venlo", OrganisationKind.VMBO_LOCATION, zuid)
    w.institution_zuid = _org("Thuiszorg Dichtbij Venlo", OrganisationKind.INSTITUTION, zuid)

    w.platform = _actor("platform", w.platform_org, Role.PLATFORM_COORDINATOR)
    w.regio = _actor("regio", w.platform_org, Role.REGIONAL_COORDINATOR, region=oost)
    w.school = _actor("school", w.school_a, Role.SCHOOL_COORDINATOR)
    w.docent = _actor("docent", w.school_a, Role.TEACHER)
    w.mbo = _actor("mbo", w.mbo_college, Role.MBO_CONTACT)
    w.instelling = _actor("instelling", w.institution, Role.INSTITUTION_CONTACT)
    w.outsider = _actor("outsider", w.outsider_school, Role.SCHOOL_COORDINATOR)
    return w


@pytest.fixture
def login(client):
    """``login(user)`` → the test client, logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2 at full strength costs ~0.3 s per user; the tests are about rights, not hashing.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def collected_static():
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)


class Inbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"


@pytest.fixture
def smtp_inbox(settings):
    """A real SMTP server on loopback (aiosmtpd); ``smtp_inbox.messages`` are the mails it got."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    yield inbox
    controller.stop()
