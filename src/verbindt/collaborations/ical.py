"""An organisation's sessions as an iCalendar feed that calendar apps subscribe to."""

from collections.abc import Iterable

from django.conf import settings
from icalendar import Calendar, Event

from verbindt.collaborations.models import Session
from verbindt.network.models import Organisation


def sessions_ics(organisation: Organisation, sessions: Iterable[Session], *, host: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Verbindt//Samenwerking vmbo Zorg & Welzijn//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"Verbindt – {organisation.name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        event = Event()
        # Stable per session, so an app updates a moved session instead of adding it again.
        event.add("uid", f"session-{session.pk}@{host}")
        event.add("summary", f"{session.collaboration.title} ({session.get_form_display()})")
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", session.starts_at)
        if session.location:
            event.add("location", str(session.location))
        if session.notes:
            event.add("description", session.notes)
        calendar.add_component(event)
    return calendar.to_ical()
