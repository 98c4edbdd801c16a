"""Log in, log out and reset a forgotten password — the reset mail goes through a real SMTP
server on loopback (aiosmtpd)."""

import datetime as dt
import re

from django.utils import timezone

from tests.conftest import PASSWORD
from verbindt.accounts.models import LoginFailure


def test_a_user_logs_in_with_username_and_password_and_out_again(client, world):
    response = client.post("/accounts/login/", {"username": "school", "password": PASSWORD})
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/").url.startswith("/accounts/login/")


def test_a_wrong_password_gets_a_clear_message_in_dutch(client, world):
    response = client.post("/accounts/login/", {"username": "school", "password": "wrong"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in response.content.decode()


def test_after_login_the_user_returns_to_the_page_they_asked_for(client, world):
    response = client.post(
        "/accounts/login/?next=/accounts/profile/",
        {"username": "school", "password": PASSWORD, "next": "/accounts/profile/"},
    )
    assert response.url == "/accounts/profile/"


def test_a_forgotten_password_is_reset_through_a_link_sent_by_email(client, world, smtp_inbox):
    response = client.post("/accounts/password_reset/", {"email": "school@example.org"})
    assert response.status_code == 302

    assert len(smtp_inbox.messages) == 1
    mail = smtp_inbox.messages[0]
    assert mail["To"] == "school@example.org"
    assert "Verbindt" in mail["Subject"]
    body = mail.get_content()
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+)", body).group(1)

    form = client.get(link, follow=True)
    assert form.status_code == 200 and b"new_password1" in form.content
    done = client.post(
        form.redirect_chain[-1][0],
        {
            "new_password1": "een-heel-nieuw-wachtwoord-7",
            "new_password2": "een-heel-nieuw-wachtwoord-7",
        },
    )
    assert done.status_code == 302

    client.logout()
    assert client.login(username="school", password="een-heel-nieuw-wachtwoord-7")
    assert not client.login(username="school", password=PASSWORD)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client, world, smtp_inbox):
    response = client.post("/accounts/password_reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert smtp_inbox.messages == []


def _try(client, password):
    return client.post("/accounts/login/", {"username": "school", "password": password})


def test_logging_in_pauses_after_ten_wrong_passwords_for_an_account(client, world):
    for _ in range(10):
        assert _try(client, "guess").status_code == 200
    response = _try(client, PASSWORD)
    assert response.status_code == 200
    assert "Te veel mislukte pogingen" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_pause_ends_after_a_quarter_of_an_hour(client, world):
    for _ in range(10):
        _try(client, "guess")
    LoginFailure.objects.update(at=timezone.now() - dt.timedelta(minutes=16))
    assert _try(client, PASSWORD).status_code == 302


def test_a_successful_log_in_forgets_earlier_mistakes(client, world):
    for _ in range(9):
        _try(client, "guess")
    assert _try(client, PASSWORD).status_code == 302
    assert not LoginFailure.objects.filter(username="school").exists()
