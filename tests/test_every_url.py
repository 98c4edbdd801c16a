"""Walk every URL pattern and API route as an anonymous visitor.

Every page must send the visitor to the login page and every API route must answer 401 —
never 200, never 500 — except the public pages in PUBLIC below. Each entry there was
reviewed: add to it only what a stranger may really see.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from verbindt.accounts.services import api_token_create
from verbindt.collaborations.models import CalendarFeed
from verbindt.core.models import ImportJob
from verbindt.network.models import Contact, Location, Qualification

PUBLIC = {
    "login",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
    "healthz",
    "favicon",
    "calendar_feed",  # the secret key in the address is the credential; unknown keys get 404
    "student_choice",  # a student's personal link: the secret is the credential; unknown is 404
    "survey_response",  # a survey recipient's personal link: the same; unknown is 404
    "api:openapi-json",
    "api:openapi-view",
    "api:api-root",  # django-ninja's placeholder at /api/v1/: always 404
}
SAMPLE = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "uuid": "0" * 8 + "-0000-0000-0000-" + "0" * 12,
    "path": "sample",
}


def _sample_regex(regex: str) -> str:
    regex = regex.lstrip("^").rstrip("$").replace("\\Z", "")
    # Named groups: the first alternative of a list (admin app labels), else a sample value.
    regex = re.sub(r"\(\?P<\w+>([\w|]+)\)", lambda m: m.group(1).split("|")[0], regex)
    regex = re.sub(r"\(\?P<\w+>[^)]*\)", "1", regex)
    return regex.replace("\\", "")


def _route(pattern) -> str:
    route = getattr(pattern.pattern, "_route", None)
    if route is not None:
        return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE[m.group(1) or "str"], route)
    return _sample_regex(pattern.pattern.regex.pattern)


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            )
            yield from _walk(pattern, prefix + _route(pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
            yield name, "/" + prefix + _route(pattern)


URLS = sorted(set(_walk(get_resolver())))


def test_the_walk_finds_the_product_the_admin_and_the_api():
    names = {name for name, _ in URLS}
    assert {"home", "organisation_detail", "admin:index", "api:me", "profile"} <= names


@pytest.mark.parametrize(("name", "url"), URLS, ids=[f"{n or '-'} {u}" for n, u in URLS])
def test_an_anonymous_visitor_is_sent_to_log_in(client, db, name, url):
    if name in PUBLIC:
        response = client.get(url)
        assert response.status_code < 500, f"{url} broke for a stranger"
        return
    response = client.get(url)
    if url.startswith("/api/"):
        assert response.status_code == 401, f"{url} answered {response.status_code}"
    else:
        assert response.status_code == 302, f"{url} answered {response.status_code}"
        assert response.url.startswith(("/accounts/login/", "/admin/login/")), response.url


# For each route that names an object: how to find an object the outsider must not reach.
# A new object route must be added here, or the walk below fails and says so.
def _school_a(world):
    return {"pk": world.school_a.pk}


def _import_job(world):
    return ImportJob.objects.create(
        kind="postcodes", filename="x.tsv", content=b"", created_by=world.platform
    )


def _location(world):
    location = Location.objects.create(organisation=world.school_a, place="Deventer")
    return {"pk": world.school_a.pk, "location_pk": location.pk}


def _contact(world):
    contact = Contact.objects.create(organisation=world.school_a, name="Anna", function="teacher")
    return {"pk": world.school_a.pk, "contact_pk": contact.pk}


NOT_THE_OUTSIDERS = {
    "token_revoke": lambda world: {"pk": api_token_create(user=world.school, name="x")[0].pk},
    "organisation_edit": _school_a,
    "organisation_merge": _school_a,
    "organisation_merge_confirm": lambda world: {
        "pk": world.school_a.pk,
        "other_pk": world.school_b.pk,
    },
    "location_create": _school_a,
    "location_edit": _location,
    "location_delete": _location,
    "contact_create": _school_a,
    "qualification_create": lambda world: {"pk": world.mbo_college.pk},
    "qualification_delete": lambda world: {
        "pk": world.mbo_college.pk,
        "qualification_pk": Qualification.objects.create(
            organisation=world.mbo_college, name="Verzorgende-IG", crebo="25491", level=3
        ).pk,
    },
    "contact_edit": _contact,
    "contact_anonymise": _contact,
}


def _collaboration(world):
    from verbindt.collaborations.services import (
        PartnerSpec,
        collaboration_create,
        plan_get_or_create,
    )
    from verbindt.core.services import school_year_for_date

    year = school_year_for_date()
    collaboration = collaboration_create(
        title="Lunchhulp",
        forms=["weekly_support"],
        partners=[PartnerSpec(world.school_a, "initiator"), PartnerSpec(world.institution, "host")],
        school_years=[year],
    )
    plan = plan_get_or_create(collaboration=collaboration, school_year=year)
    return collaboration, plan


def _meeting(world):
    from verbindt.collaborations.models import ConsultationMeeting

    return ConsultationMeeting.objects.create(
        collaboration=_collaboration(world)[0], date="2026-11-12"
    )


def _meeting_kwargs(world):
    meeting = _meeting(world)
    return {"pk": meeting.collaboration_id, "meeting_pk": meeting.pk}


def _action_kwargs(world):
    meeting = _meeting(world)
    item = meeting.action_items.create(description="Rooster")
    return {"pk": meeting.collaboration_id, "item_pk": item.pk}


def _partner_kwargs(world):
    collaboration = _collaboration(world)[0]
    return {"pk": collaboration.pk, "partner_pk": collaboration.partners.first().pk}


def _collaboration_kwargs(world):
    return {"pk": _collaboration(world)[0].pk}


def _plan_kwargs(world):
    collaboration, plan = _collaboration(world)
    return {"pk": collaboration.pk, "year": plan.school_year.start_year}


def _agreement_kwargs(world):
    collaboration, plan = _collaboration(world)
    agreement = plan.agreements.create(what="Dinsdag")
    return {
        "pk": collaboration.pk,
        "year": plan.school_year.start_year,
        "agreement_pk": agreement.pk,
    }


NOT_THE_OUTSIDERS |= {
    **dict.fromkeys(
        [
            "collaboration_detail",
            "collaboration_edit",
            "collaboration_status",
            "evaluation_add",
            "log_entry_add",
            "series_add",
            "session_add",
            "learning_line",
            "alignment_save",
            "learning_link_add",
            "meeting_add",
            "partners",
            "partner_add",
        ],
        _collaboration_kwargs,
    ),
    **dict.fromkeys(
        ["plan_detail", "plan_save", "plan_confirm", "plan_copy", "agreement_create"], _plan_kwargs
    ),
    "agreement_save": _agreement_kwargs,
    "partner_save": lambda world: _partner_kwargs(world),
    "partner_remove": lambda world: _partner_kwargs(world),
    "plan_document": lambda world: {**_plan_kwargs(world), "extension": "pdf"},
    "action_item_add": _meeting_kwargs,
    "action_item_toggle": _action_kwargs,
    "calendar_feed_revoke": lambda world: {
        "feed_pk": CalendarFeed.objects.create(organisation=world.school_a, key_hash="x" * 64).pk
    },
    **dict.fromkeys(
        [
            "api:collaboration_get",
            "api:collaboration_update",
            "api:log_entry_create",
            "api:log_entry_list",
            "api:session_create",
            "api:session_list",
        ],
        lambda world: {"id": _collaboration(world)[0].pk},
    ),
    "import_job": lambda world: {"pk": _import_job(world).pk},
    "import_job_save": lambda world: {"pk": _import_job(world).pk},
    "import_template": lambda world: {"extension": "csv"},
    "api:contact_list": lambda world: {"id": world.school_a.pk},
    "api:contact_create": lambda world: {"id": world.school_a.pk},
    # Maturity: a school's level and scan are the school's and its coordinators' only.
    "school_level": _school_a,
    "self_scan": _school_a,
    "level_export": lambda world: {"extension": "csv"},
    "api:school_maturity": lambda world: {"id": world.school_a.pk},
}


def _round(world):
    from verbindt.core.services import school_year_for_date
    from verbindt.placement import services

    allocation_round = services.round_create(
        title="Lunchhulp",
        school_year=school_year_for_date(),
        form="weekly_support",
        schools=[world.school_a],
    )
    place = services.place_add(
        allocation_round=allocation_round, organisation=world.institution, capacity=2
    )
    student = services.student_add(allocation_round=allocation_round, name="L01", study_year=3)
    return {"pk": allocation_round.pk, "place_pk": place.pk, "student_pk": student.pk}


def _round_only(world):
    return {"pk": _round(world)["pk"]}


# Placement: a round is its school's and its coordinators' only.
NOT_THE_OUTSIDERS |= {
    **dict.fromkeys(
        [
            "round_detail",
            "round_edit",
            "round_open",
            "place_add",
            "student_add",
            "students_import",
            "round_run",
            "round_review",
            "assignment_adjust",
            "round_publish",
            "hosted_students",
        ],
        _round_only,
    ),
    "place_remove": lambda world: {k: v for k, v in _round(world).items() if k != "student_pk"},
    **dict.fromkeys(
        [
            "student_edit",
            "student_remove",
            "preferences_edit",
            "student_link_create",
            "student_link_revoke",
        ],
        lambda world: {k: v for k, v in _round(world).items() if k != "place_pk"},
    ),
    "round_export": lambda world: {**_round_only(world), "extension": "csv"},
}
# Monitor: a school's own figures are the school's and its coordinators' only.
NOT_THE_OUTSIDERS |= {
    "monitor_school": _school_a,
    "monitor_export": lambda world: {"table": "levels", "extension": "csv"},
}


def _monitor_report(world):
    from verbindt.core.services import school_year_for_date
    from verbindt.monitor.models import Report

    report = Report.objects.create(
        school_year=school_year_for_date(),
        region=world.oost,
        requested_by=world.regio,
        status="done",
        pdf=b"%PDF-1.7",
    )
    return {"pk": report.pk}


# Monitor: a printed report is its asker's and the coordinators' over its region only.
NOT_THE_OUTSIDERS |= dict.fromkeys(
    ["monitor_report_status", "monitor_report_download"], _monitor_report
)


def _campaign(world):
    """A campaign of the outsider's own region: still only for coordinators."""
    from verbindt.core.services import school_year_for_date
    from verbindt.surveys import services

    campaign = services.campaign_create(
        title="Uitvraag Zuid",
        school_year=school_year_for_date(),
        region=world.zuid,
        by=None,
        from_template=True,
    )
    recipient = campaign.recipients.create(
        organisation=world.outsider_school, name="Anna", email="anna@example.org"
    )
    return {
        "pk": campaign.pk,
        "question_pk": campaign.questions.first().pk,
        "recipient_pk": recipient.pk,
    }


# Surveys: campaigns are their coordinators' only (the people asked use PUBLIC links).
NOT_THE_OUTSIDERS |= {
    **dict.fromkeys(
        [
            "campaign_detail",
            "campaign_edit",
            "question_add",
            "recipients_choose",
            "campaign_send",
            "campaign_remind",
            "campaign_close",
            "campaign_results",
        ],
        lambda world: {"pk": _campaign(world)["pk"]},
    ),
    **dict.fromkeys(
        ["question_edit", "question_delete", "question_move"],
        lambda world: {k: v for k, v in _campaign(world).items() if k != "recipient_pk"},
    ),
    "recipient_remove": lambda world: {
        k: v for k, v in _campaign(world).items() if k != "question_pk"
    },
    "campaign_export": lambda world: {
        "pk": _campaign(world)["pk"],
        "table": "results",
        "extension": "csv",
    },
    "campaign_list_export": lambda world: {"extension": "csv"},
}
# Object pages with public data every member of the network may see (issue 3: the registry);
# the API's change routes share their URL with a public GET and are tested per role in
# tests/network/test_api.py.
OPEN_TO_MEMBERS = {
    "organisation_detail",
    "api:organisation_get",
    "api:organisation_update",
    "api:location_list",
    "api:location_create",
}


@pytest.mark.parametrize(("name", "url"), URLS, ids=[f"{n or '-'} {u}" for n, u in URLS])
def test_an_outsider_reaches_no_object_of_another_organisation(world, login, name, url):
    client = login(world.outsider)
    pattern = get_resolver().resolve(url)
    if url.startswith("/admin/"):
        assert client.get(url, follow=True).status_code in (403, 404), url
    elif pattern.kwargs and name not in PUBLIC | OPEN_TO_MEMBERS:
        assert name in NOT_THE_OUTSIDERS, f"add {name} to NOT_THE_OUTSIDERS"
        real = reverse(name, kwargs=NOT_THE_OUTSIDERS[name](world))
        # The API validates a body before it asks for rights; an empty POST proves nothing there.
        posted = set() if url.startswith("/api/") else {client.post(real).status_code}
        statuses = {client.get(real).status_code} | posted
        # 405 for the method a route does not take; the one it takes must refuse.
        assert statuses <= {403, 404, 405} and statuses & {403, 404}, (real, statuses)
