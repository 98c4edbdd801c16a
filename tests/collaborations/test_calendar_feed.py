"""A secret, revocable calendar address per organisation that calendar apps subscribe to."""

import datetime as dt

from icalendar import Calendar

from verbindt.collaborations import services
from verbindt.core.services import school_year_for_date


def _feed_url(client):
    client.post("/collaborations/sessions/feeds/")
    page = client.get("/collaborations/sessions/")
    return page.context["new_feed"]


def test_a_member_subscribes_to_the_sessions_of_their_organisation(
    world, login, client, collaborations
):
    year = school_year_for_date()
    services.series_create(
        collaboration=collaborations["linde"],
        weekday=1,
        start_time=dt.time(11, 30),
        end_time=dt.time(13, 30),
        first_date=year.start,
        last_date=year.end,
    )
    url = _feed_url(login(world.instelling))
    assert url.startswith("http://testserver/calendar/") and url.endswith(".ics")
    client.logout()
    response = client.get(url.removeprefix("http://testserver"))
    assert response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events and all("Lunchhulp De Linde" in str(e["SUMMARY"]) for e in events)


def test_a_revoked_address_stops_working_and_a_made_up_one_never_did(
    world, login, client, collaborations
):
    member = login(world.school)
    url = _feed_url(member).removeprefix("http://testserver")
    feed = world.school_a.calendar_feeds.get()
    member.post(f"/collaborations/sessions/feeds/{feed.pk}/revoke/")
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get("/calendar/made-up.ics").status_code == 404


def test_the_address_is_shown_once_and_only_its_hash_is_kept(world, login, collaborations):
    member = login(world.school)
    url = _feed_url(member)
    key = url.rsplit("/", 1)[-1].removesuffix(".ics")
    assert key not in world.school_a.calendar_feeds.get().key_hash
    assert member.get("/collaborations/sessions/").context["new_feed"] == ""


def test_coordinators_make_no_feed_for_someone_elses_organisation(world, login, collaborations):
    assert login(world.regio).post("/collaborations/sessions/feeds/").status_code == 302
    assert not world.school_a.calendar_feeds.exists()
