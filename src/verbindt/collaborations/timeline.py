"""Everything that happened in a collaboration, newest first, from the records themselves."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from verbindt.collaborations.models import Collaboration, Status


@dataclass(frozen=True)
class Event:
    at: dt.datetime
    kind: str  # status, contact, session, meeting, evaluation, plan
    text: str
    by: str = ""


def _day(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), timezone.get_current_timezone())


def timeline(collaboration: Collaboration, *, limit: int = 60) -> list[Event]:
    """Expects the prefetches of ``selectors.collaboration_detail``."""
    labels = dict(Status.choices)
    events = [
        Event(
            change.at,
            "status",
            _("Status: %(status)s") % {"status": labels[change.new_status]}
            + (f" — {change.reason}" if change.reason else ""),
            str(change.by or ""),
        )
        for change in collaboration.status_changes.all()
    ]
    events += [
        Event(
            _day(entry.date),
            "contact",
            f"{entry.get_channel_display()}: {entry.summary}",
            str(entry.by or ""),
        )
        for entry in collaboration.log_entries.all()
    ]
    events += [
        Event(_day(meeting.date), "meeting", _("Regional consultation"))
        for meeting in collaboration.meetings.all()
    ]
    events += [
        Event(
            evaluation.at,
            "evaluation",
            _("Evaluation: %(moment)s") % {"moment": evaluation.get_moment_display()},
        )
        for evaluation in collaboration.evaluations.all()
    ]
    now = timezone.now()
    events += [
        Event(
            session.starts_at,
            "session",
            _("Session: %(form)s, %(students)s students")
            % {"form": session.get_form_display(), "students": session.students},
        )
        for session in collaboration.sessions.filter(starts_at__lte=now).order_by("-starts_at")[:20]
    ]
    for plan in collaboration.plans.all():
        events += [
            Event(
                record.history_date,
                "plan",
                _("Plan %(year)s: version %(version)s")
                % {"year": plan.school_year, "version": record.version},
                str(record.history_user or ""),
            )
            for record in plan.history.select_related("history_user")[:20]
        ]
    return sorted(events, key=lambda event: event.at, reverse=True)[:limit]
