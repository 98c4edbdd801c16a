"""Personal access tokens: made on the profile page or the CLI, stored hashed, revocable."""

import io

from django.core.management import call_command

from verbindt.accounts.models import ApiToken
from verbindt.accounts.services import api_token_create


def _me(client, raw):
    return client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"})


def test_the_api_answers_401_without_credentials(client, world):
    response = client.get("/api/v1/me")
    assert response.status_code == 401


def test_the_api_knows_a_logged_in_user_by_their_session(world, login):
    response = login(world.regio).get("/api/v1/me")
    assert response.status_code == 200
    me = response.json()
    assert me["username"] == "regio"
    assert me["memberships"][0]["role"] == "regional_coordinator"
    assert me["memberships"][0]["region"] == "Oost"
    assert me["memberships"][0]["active"] is True


def test_a_token_made_on_the_profile_page_is_shown_once_and_works(world, login, client):
    page = login(world.school).post(
        "/accounts/profile/tokens/", {"name": "export script"}, follow=True
    )
    raw = page.context["new_token"]
    assert raw.startswith("vbt_")
    token = ApiToken.objects.get(user=world.school)
    assert raw not in (token.key_hash, token.prefix) and token.key_hash != raw

    client.logout()
    response = _me(client, raw)
    assert response.status_code == 200
    assert response.json()["memberships"][0]["organisation"]["name"] == "IJsselborg vmbo Deventer"
    token.refresh_from_db()
    assert token.last_used_at is not None
    assert raw not in client.get("/accounts/profile/").content.decode()


def test_a_token_needs_a_name(world, login):
    response = login(world.school).post("/accounts/profile/tokens/", {"name": "  "})
    assert response.status_code == 400
    assert not ApiToken.objects.exists()


def test_a_revoked_token_no_longer_works(world, login, client):
    token, raw = api_token_create(user=world.school, name="old script")
    assert _me(client, raw).status_code == 200
    login(world.school).post(f"/accounts/profile/tokens/{token.pk}/revoke/")
    client.logout()
    assert _me(client, raw).status_code == 401


def test_nobody_revokes_someone_elses_token(world, login):
    token, _raw = api_token_create(user=world.school, name="script")
    assert (
        login(world.outsider).post(f"/accounts/profile/tokens/{token.pk}/revoke/").status_code
        == 403
    )
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_made_up_or_malformed_token_is_refused(client, world):
    assert _me(client, "vbt_made-up").status_code == 401
    assert _me(client, "not-even-a-token").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(client, world):
    _token, raw = api_token_create(user=world.school, name="script")
    world.school.is_active = False
    world.school.save()
    assert _me(client, raw).status_code == 401


def test_the_command_line_prints_a_working_token(client, world):
    out = io.StringIO()
    call_command("token", "create", "--user", "platform", "--name", "nightly report", stdout=out)
    raw = out.getvalue().strip()
    assert _me(client, raw).json()["username"] == "platform"
    assert ApiToken.objects.get(user=world.platform).name == "nightly report"
