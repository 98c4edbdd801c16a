import calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import objectgetter

from verbindt.accounts.selectors import active_membership
from verbindt.collaborations import selectors, services
from verbindt.collaborations.documents import plan_pdf, plan_xlsx
from verbindt.collaborations.forms import (
    ActionItemForm,
    AgreementForm,
    AlignmentForm,
    CollaborationCreateForm,
    CollaborationEditForm,
    EvaluationForm,
    LearningLinkForm,
    LogEntryForm,
    MeetingForm,
    NewPartnerForm,
    PartnerForm,
    PlanForm,
    SeriesForm,
    SessionForm,
    StatusForm,
    partner_choices,
    partner_contacts,
)
from verbindt.collaborations.ical import sessions_ics
from verbindt.collaborations.models import (
    ActionItem,
    Agreement,
    AlignmentAspect,
    CalendarFeed,
    Collaboration,
    ConsultationMeeting,
    Form,
    Partner,
    PartnerRole,
    Status,
    YearPlan,
)
from verbindt.collaborations.timeline import timeline
from verbindt.core import schoolyears
from verbindt.core.form_flow import act, add_service_error, apply, form_page
from verbindt.core.models import SchoolYear
from verbindt.core.permissions import is_coordinator, require
from verbindt.core.secrets import secret_hash
from verbindt.core.services import school_year_for_date, school_year_get_or_create
from verbindt.maturity.selectors import collaboration_level
from verbindt.network.models import Location, Organisation

collaboration = objectgetter(Collaboration, "pk")
PER_DAY = 4  # sessions shown in one day of the month calendar
LIST_PAGE_SIZE = 50


def _school_years(*, create: bool = False):  # type: ignore[no-untyped-def]
    """Last, this and next school year: the ones a collaboration is usually planned in.

    Only forms that save create missing ones: a read must not take the database's write lock.
    """
    start = schoolyears.start_year_for(timezone.localdate())
    if create:
        for year in (start - 1, start, start + 1):
            school_year_get_or_create(start_year=year)
    return SchoolYear.objects.filter(start_year__gte=start - 1, start_year__lte=start + 1)


@require_GET
@require("collaborations.list_collaborations")
def collaboration_board(request: HttpRequest) -> HttpResponse:
    filters = selectors.CollaborationFilters.from_query(request.GET)
    as_list = request.GET.get("view") == "list"
    context = {
        "filters": filters,
        "as_list": as_list,
        "forms": Form.choices,
        "statuses": Status.choices,
        "school_years": _school_years(),
    }
    if as_list:
        context["page"] = Paginator(
            selectors.collaboration_search(user=request.user, filters=filters), LIST_PAGE_SIZE
        ).get_page(request.GET.get("page"))
        context["collaborations"] = context["page"].object_list
        query = request.GET.copy()
        query.pop("page", None)
        context["qs"] = query.urlencode()
    else:
        context["columns"] = selectors.board(user=request.user, filters=filters)
    return render(request, "collaborations/board.html", context)


@require_http_methods(["GET", "POST"])
@require("collaborations.create_collaboration")
def collaboration_create(request: HttpRequest) -> HttpResponse:
    membership = active_membership(request.user)
    # A school, college or institution is a partner itself; a coordinator brings others together.
    coordinator = is_coordinator(request.user)
    own = None if membership is None or coordinator else membership.organisation
    region_id = (
        membership.region_id if coordinator and membership else getattr(own, "region_id", None)
    )
    form = CollaborationCreateForm(
        request.POST or None,
        school_years=_school_years(create=True),
        partners=partner_choices(region_id=region_id, exclude=own),
        with_own=own is not None,
        initial={"school_years": [school_year_for_date()]},
    )

    def save(data: dict) -> Collaboration:
        partners = [services.PartnerSpec(own, data["own_role"])] if own else []
        partners += [
            services.PartnerSpec(data[f"partner_{n}"], data[f"role_{n}"] or PartnerRole.HOST)
            for n in (1, 2, 3)
            if data.get(f"partner_{n}")
        ]
        return services.collaboration_create(
            title=data["title"],
            description=data["description"],
            origin=data["origin"],
            forms=data["forms"],
            school_years=data["school_years"],
            partners=partners,
            by=request.user,  # type: ignore[arg-type]
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("New collaboration"),
        cancel=reverse("collaboration_board"),
        done=lambda created: reverse("collaboration_detail", args=(created.pk,)),
        message=_("The collaboration is recorded."),
    )


@require_GET
@require("collaborations.view_collaboration", fn=collaboration)
def collaboration_detail(request: HttpRequest, pk: int) -> HttpResponse:
    detail = selectors.collaboration_detail(pk=pk)
    plans = [selectors.plan_state(plan) for plan in detail.plans.select_related("school_year")]
    today = timezone.localdate()
    this_year = school_year_for_date(day=today)
    return render(
        request,
        "collaborations/detail.html",
        {
            "collaboration": detail,
            "level": collaboration_level(detail, this_year).code,
            "level_year": this_year,
            "can_edit": request.user.has_perm("collaborations.edit_collaboration", detail),
            "plans": plans,
            "upcoming": detail.sessions.filter(
                starts_at__gte=selectors.day_start(today)
            ).select_related("location")[:10],
            "timeline": timeline(detail),
            "audit": selectors.audit_trail(detail),
            "evaluation_summary": selectors.evaluation_summary(detail),
            "status_form": StatusForm(initial={"status": detail.status}),
            "log_form": LogEntryForm(initial={"date": today}),
            "evaluation_form": EvaluationForm(collaboration=detail),
            "school_years_without_plan": detail.school_years.exclude(
                pk__in=detail.plans.values("school_year_id")
            ),
            "shows_learning_line": detail.forms.filter(
                form__in=[Form.JOINT_TEACHING, Form.REGIONAL_CONSULTATION]
            ).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@require("collaborations.edit_collaboration", fn=collaboration)
def collaboration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = CollaborationEditForm(
        request.POST or None, instance=instance, school_years=_school_years(create=True)
    )
    return form_page(
        request,
        form,
        save=lambda data: services.collaboration_update(
            collaboration=instance,
            data={
                k: data[k]
                for k in ("title", "description", "origin", "bottlenecks", "school_years")
            },
            forms=data["forms"],
        ),
        title=_("Edit %(title)s") % {"title": instance.title},
        cancel=reverse("collaboration_detail", args=[pk]),
        done=reverse("collaboration_detail", args=[pk]),
        message=_("Your changes are saved."),
    )


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def collaboration_status(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid() and act(
        request,
        lambda: services.collaboration_set_status(
            collaboration=instance,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            by=request.user,  # type: ignore[arg-type]
        ),
    ):
        messages.success(
            request,
            _("The status is now “%(status)s”.") % {"status": instance.get_status_display()},
        )
    return redirect("collaboration_detail", pk)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def log_entry_add(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = LogEntryForm(request.POST)
    if form.is_valid():
        services.log_entry_add(collaboration=instance, data=form.cleaned_data, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The contact is logged."))
    else:
        messages.error(
            request, _("The contact was not logged: %(errors)s") % {"errors": form.errors.as_text()}
        )
    return redirect(reverse("collaboration_detail", args=[pk]) + "#log")


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def evaluation_add(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = EvaluationForm(request.POST, collaboration=instance)
    if form.is_valid():
        services.evaluation_add(collaboration=instance, data=form.cleaned_data, by=request.user)  # type: ignore[arg-type]
        messages.success(request, _("The evaluation is saved."))
    else:
        messages.error(
            request,
            _("The evaluation was not saved: %(errors)s") % {"errors": form.errors.as_text()},
        )
    return redirect(reverse("collaboration_detail", args=[pk]) + "#evaluations")


# --- Partners ----------------------------------------------------------------------------------


def _partners_page(
    request: HttpRequest, instance: Collaboration, status: int = 200, **forms: object
) -> HttpResponse:
    partners = instance.partners.select_related("organisation").prefetch_related("contacts")
    region_ids = {p.organisation.region_id for p in partners if p.organisation.region_id}
    candidates = partner_choices(region_id=next(iter(region_ids), None), exclude=None).exclude(
        pk__in=[p.organisation_id for p in partners]
    )
    rows = [
        (
            p,
            forms.get(f"form_{p.pk}")
            or PartnerForm(
                organisation=p.organisation,
                initial={"role": p.role, "contacts": list(p.contacts.all())},
            ),
        )
        for p in partners
    ]
    return render(
        request,
        "collaborations/partners.html",
        {
            "collaboration": instance,
            "rows": rows,
            "new_form": forms.get("new_form") or NewPartnerForm(organisations=candidates),
        },
        status=status,
    )


@require_GET
@require("collaborations.edit_collaboration", fn=collaboration)
def partners(request: HttpRequest, pk: int) -> HttpResponse:
    return _partners_page(request, get_object_or_404(Collaboration, pk=pk))


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def partner_save(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    partner = get_object_or_404(
        Partner.objects.select_related("organisation"), pk=partner_pk, collaboration=instance
    )
    form = PartnerForm(request.POST, organisation=partner.organisation)
    if not form.is_valid():
        return _partners_page(request, instance, status=400, **{f"form_{partner.pk}": form})
    services.partner_update(partner=partner, **form.cleaned_data)
    messages.success(request, _("%(name)s is saved.") % {"name": partner.organisation})
    return redirect("partners", pk)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def partner_add(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = NewPartnerForm(request.POST, organisations=Organisation.objects.all())
    if not apply(
        form,
        lambda data: services.partner_add(
            collaboration=instance, spec=services.PartnerSpec(data["organisation"], data["role"])
        ),
    ):
        return _partners_page(request, instance, status=400, new_form=form)
    return redirect("partners", pk)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def partner_remove(request: HttpRequest, pk: int, partner_pk: int) -> HttpResponse:
    partner = get_object_or_404(Partner, pk=partner_pk, collaboration_id=pk)
    act(request, lambda: services.partner_remove(partner=partner))
    return redirect("partners", pk)


# --- Year plan -------------------------------------------------------------------------------


def _plan(pk: int, year: int) -> YearPlan:
    instance = get_object_or_404(Collaboration, pk=pk)
    school_year = get_object_or_404(instance.school_years, start_year=year)
    return services.plan_get_or_create(collaboration=instance, school_year=school_year)


def _plan_page(request: HttpRequest, plan: YearPlan, **context: object) -> HttpResponse:
    can_edit = request.user.has_perm("collaborations.edit_collaboration", plan.collaboration)
    membership = active_membership(request.user)
    state = selectors.plan_state(plan)
    partners = plan.collaboration.partners.select_related("organisation")
    contacts = partner_contacts(plan.collaboration)
    context = {
        "plan": plan,
        "state": state,
        "can_edit": can_edit,
        "partners": partners,
        "my_partner": next(
            (p for p in partners if membership and p.organisation_id == membership.organisation_id),
            None,
        ),
        "plan_form": PlanForm(instance=plan, initial={"version": plan.version}),
        "agreement_form": AgreementForm(initial={"version": plan.version}, contacts=contacts),
        # One small form per agreement, with its own prefix so field ids stay unique.
        "agreements": [
            (
                agreement,
                AgreementForm(
                    instance=agreement,
                    prefix=f"a{agreement.pk}",
                    initial={"version": plan.version},
                    contacts=contacts,
                ),
            )
            for agreement in plan.agreements.select_related("contact")
        ],
        **context,
    }
    template = "collaborations/_plan.html" if request.htmx else "collaborations/plan.html"
    return render(
        request,
        template,
        context,
        status=400 if context.get("conflict") or context.get("errors") else 200,
    )


@require_GET
@require("collaborations.view_collaboration", fn=collaboration)
def plan_detail(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    return _plan_page(request, _plan(pk, year))


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def plan_save(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan = _plan(pk, year)
    form = PlanForm(request.POST, instance=YearPlan.objects.get(pk=plan.pk))
    if not form.is_valid():
        return _plan_page(request, plan, plan_form=form, errors=True)
    try:
        services.plan_save(plan=plan, data=form.cleaned_data, version=form.cleaned_data["version"])
    except services.PlanConflict as conflict:
        return _plan_page(
            request, conflict.current, conflict=conflict.current, mine=form.cleaned_data
        )
    messages.success(request, _("The plan is saved; partners are asked to confirm this version."))
    return _plan_page(request, plan)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def agreement_save(
    request: HttpRequest, pk: int, year: int, agreement_pk: int | None = None
) -> HttpResponse:
    plan = _plan(pk, year)
    instance = get_object_or_404(Agreement, pk=agreement_pk, plan=plan) if agreement_pk else None
    form = AgreementForm(
        request.POST,
        instance=instance,
        prefix=f"a{instance.pk}" if instance else None,
        contacts=partner_contacts(plan.collaboration),
    )
    if not form.is_valid():
        return _plan_page(request, plan, agreement_form=form, errors=True)
    data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
    try:
        services.agreement_save(
            plan=plan, data=data, version=form.cleaned_data["version"], agreement=instance
        )
    except services.PlanConflict as conflict:
        return _plan_page(request, conflict.current, conflict=conflict.current, mine=data)
    except ValidationError as error:
        add_service_error(form, error)
        return _plan_page(request, plan, agreement_form=form, errors=True)
    return _plan_page(request, YearPlan.objects.get(pk=plan.pk))


@require_POST
@require("collaborations.view_collaboration", fn=collaboration)
def plan_confirm(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan = _plan(pk, year)
    membership = active_membership(request.user)
    partner = plan.collaboration.partners.filter(
        organisation_id=getattr(membership, "organisation_id", None)
    ).first()
    if partner is None:
        raise Http404
    try:
        services.plan_confirm(
            plan=plan, partner=partner, version=int(request.POST.get("version", 0)), by=request.user
        )  # type: ignore[arg-type]
    except services.PlanConflict as conflict:
        return _plan_page(request, conflict.current, conflict=conflict.current)
    messages.success(
        request, _("%(name)s agrees to this version of the plan.") % {"name": partner.organisation}
    )
    return _plan_page(request, plan)


@require_GET
@require("collaborations.view_collaboration", fn=collaboration)
def plan_document(request: HttpRequest, pk: int, year: int, extension: str) -> HttpResponse:
    """The plan as a printable PDF or a spreadsheet."""
    state = selectors.plan_state(_plan(pk, year))
    if extension == "pdf":
        body, content_type = plan_pdf(state), "application/pdf"
    elif extension == "xlsx":
        body = plan_xlsx(state)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    name = slugify(f"{state.plan.collaboration.title} {state.plan.school_year}")
    response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
    return response


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def plan_copy(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    plan = _plan(pk, year)
    target = school_year_get_or_create(start_year=year + 1)
    try:
        copy = services.plan_copy(plan=plan, school_year=target)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("plan_detail", pk, year)
    messages.success(request, _("The plan is copied into %(year)s.") % {"year": target})
    return redirect("plan_detail", pk, copy.school_year.start_year)


# --- Sessions --------------------------------------------------------------------------------


def _locations(instance: Collaboration):  # type: ignore[no-untyped-def]
    return Location.objects.filter(
        organisation__partnerships__collaboration=instance
    ).select_related("organisation")


@require_http_methods(["GET", "POST"])
@require("collaborations.edit_collaboration", fn=collaboration)
def session_add(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = SessionForm(
        request.POST or None,
        locations=_locations(instance),
        forms_used=list(instance.forms.values_list("form", flat=True)),
    )
    warnings: list[str] = []

    def save(data: dict) -> None:
        tz = timezone.get_current_timezone()
        fields = {k: v for k, v in data.items() if k not in ("date", "start", "end", "confirmed")}
        try:
            services.session_save(
                collaboration=instance,
                data={
                    **fields,
                    "starts_at": dt.datetime.combine(data["date"], data["start"], tz),
                    "ends_at": dt.datetime.combine(data["date"], data["end"], tz),
                },
                confirmed=data["confirmed"],
            )
        except services.SessionWarning as warning:
            warnings.extend(warning.messages)
            raise ValidationError(warning.messages) from warning

    return form_page(
        request,
        form,
        save=save,
        title=_("New session of %(title)s") % {"title": instance.title},
        cancel=reverse("collaboration_detail", args=[pk]),
        done=reverse("collaboration_detail", args=[pk]) + "#sessions",
        message=_("The session is planned."),
        template="collaborations/session_form.html",
        # Warnings come back on the form, with a box to plan it anyway.
        context={"warnings": warnings},
    )


@require_http_methods(["GET", "POST"])
@require("collaborations.edit_collaboration", fn=collaboration)
def series_add(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = SeriesForm(request.POST or None, locations=_locations(instance))

    def save(data: dict) -> None:
        series, skipped = services.series_create(
            collaboration=instance,
            weekday=data["weekday"],
            start_time=data["start_time"],
            end_time=data["end_time"],
            first_date=data["first_date"],
            last_date=data["last_date"],
            every_n_weeks=data["every_n_weeks"],
            session_data={
                "location": data["location"],
                "students": data["students"],
                "groups": data["groups"],
            },
        )
        messages.info(
            request,
            ngettext(
                "%(count)s session planned.", "%(count)s sessions planned.", series.sessions.count()
            )
            % {"count": series.sessions.count()}
            + " "
            + ngettext(
                "%(skipped)s date in a school holiday was skipped.",
                "%(skipped)s dates in school holidays were skipped.",
                len(skipped),
            )
            % {"skipped": len(skipped)},
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("Recurring sessions of %(title)s") % {"title": instance.title},
        cancel=reverse("collaboration_detail", args=[pk]),
        done=reverse("collaboration_detail", args=[pk]) + "#sessions",
        message=_("The series is planned around the school holidays."),
    )


@require_GET
@never_cache  # it may show a new calendar address once
@require("collaborations.list_collaborations")
def session_calendar(request: HttpRequest) -> HttpResponse:
    """Upcoming sessions as a list, and a month calendar (``?month=2026-12``)."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        first = dt.date(year, month, 1)
    except ValueError:
        first = today.replace(day=1)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    by_day, more = selectors.month_sessions(
        user=request.user, start=first, end=last, per_day=PER_DAY
    )
    # A region has hundreds of sessions a day: a day shows a few and says how many more.
    weeks = [
        [(day, by_day.get(day, []), more.get(day, 0), day.month == first.month) for day in week]
        for week in calendar.Calendar().monthdatescalendar(first.year, first.month)
    ]
    return render(
        request,
        "collaborations/calendar.html",
        {
            "first": first,
            "weeks": weeks,
            "upcoming": selectors.upcoming_sessions(
                user=request.user, start=today, end=today + dt.timedelta(days=60)
            )[:30],
            "previous": (first - dt.timedelta(days=1)).strftime("%Y-%m"),
            "next": (last + dt.timedelta(days=1)).strftime("%Y-%m"),
            "today": today,
            "new_feed": request.session.pop(NEW_FEED_KEY, ""),
            "feeds": _feeds(request),
        },
    )


def _feeds(request: HttpRequest):  # type: ignore[no-untyped-def]
    organisation = _feed_organisation(request)
    if organisation is None:
        return None
    return CalendarFeed.objects.filter(organisation=organisation).order_by("-created_at")


# --- Continuous learning line ----------------------------------------------------------------


def _line_page(
    request: HttpRequest, instance: Collaboration, status: int = 200, **forms: object
) -> HttpResponse:
    detail = selectors.collaboration_detail(pk=instance.pk)
    current = {a.aspect: a for a in detail.alignments.all()}
    context = {
        "collaboration": detail,
        "alignment_form": AlignmentForm(current=current),
        "link_form": LearningLinkForm(collaboration=detail),
        "meeting_form": MeetingForm(collaboration=detail),
        "action_form": ActionItemForm(collaboration=detail),
        **forms,
    }
    return render(request, "collaborations/learning_line.html", context, status=status)


@require_GET
@require("collaborations.edit_collaboration", fn=collaboration)
def learning_line(request: HttpRequest, pk: int) -> HttpResponse:
    return _line_page(request, get_object_or_404(Collaboration, pk=pk))


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def alignment_save(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = AlignmentForm(request.POST, current={})
    if not form.is_valid():
        return _line_page(request, instance, status=400, alignment_form=form)
    for aspect in AlignmentAspect.values:
        services.alignment_set(
            collaboration=instance,
            aspect=aspect,
            status=form.cleaned_data[f"{aspect}_status"],
            description=form.cleaned_data[f"{aspect}_description"],
        )
    messages.success(request, _("The alignment is saved."))
    return redirect("learning_line", pk)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def learning_link_add(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = LearningLinkForm(request.POST, collaboration=instance)
    if not apply(form, lambda data: services.learning_link_add(collaboration=instance, **data)):
        return _line_page(request, instance, status=400, link_form=form)
    return redirect("learning_line", pk)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def meeting_add(request: HttpRequest, pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    form = MeetingForm(request.POST, collaboration=instance)
    if not form.is_valid():
        return _line_page(request, instance, status=400, meeting_form=form)
    services.meeting_add(collaboration=instance, **form.cleaned_data)
    messages.success(request, _("The consultation is recorded."))
    return redirect("learning_line", pk)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def action_item_add(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    instance = get_object_or_404(Collaboration, pk=pk)
    meeting = get_object_or_404(ConsultationMeeting, pk=meeting_pk, collaboration=instance)
    form = ActionItemForm(request.POST, collaboration=instance)
    if not form.is_valid():
        return _line_page(request, instance, status=400, action_form=form)
    services.action_item_add(meeting=meeting, data=form.cleaned_data)
    return redirect("learning_line", pk)


@require_POST
@require("collaborations.edit_collaboration", fn=collaboration)
def action_item_toggle(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = get_object_or_404(ActionItem, pk=item_pk, meeting__collaboration_id=pk)
    services.action_item_toggle(item=item)
    return redirect("learning_line", pk)


# --- Calendar feeds --------------------------------------------------------------------------

NEW_FEED_KEY = "verbindt_new_calendar_feed"


def _feed_organisation(request: HttpRequest) -> Organisation | None:
    """The organisation whose calendar addresses the user manages, if any."""
    membership = active_membership(request.user)
    if membership is None or not request.user.has_perm(
        "collaborations.manage_calendar_feeds", membership.organisation
    ):
        return None
    return membership.organisation


def _feed_owner(request: HttpRequest) -> Organisation:
    organisation = _feed_organisation(request)
    if organisation is None:
        raise PermissionDenied
    return organisation


@require_POST
def calendar_feed_create(request: HttpRequest) -> HttpResponse:
    _feed, key = services.calendar_feed_create(organisation=_feed_owner(request), by=request.user)  # type: ignore[arg-type]
    request.session[NEW_FEED_KEY] = request.build_absolute_uri(reverse("calendar_feed", args=[key]))
    return redirect(reverse("session_calendar") + "#feeds")


@require_POST
def calendar_feed_revoke(request: HttpRequest, feed_pk: int) -> HttpResponse:
    feed = get_object_or_404(CalendarFeed, pk=feed_pk, organisation=_feed_owner(request))
    services.calendar_feed_revoke(feed=feed)
    messages.success(request, _("The calendar address no longer works."))
    return redirect(reverse("session_calendar") + "#feeds")


@require_GET
@login_not_required  # the secret in the address is the key: calendar apps cannot log in
def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    feed = get_object_or_404(
        CalendarFeed.objects.select_related("organisation"),
        key_hash=secret_hash(key),
        revoked_at__isnull=True,
    )
    since = timezone.localdate() - dt.timedelta(days=60)
    body = sessions_ics(
        feed.organisation,
        selectors.sessions_of_organisation(organisation_id=feed.organisation_id, since=since),
        host=request.get_host(),
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")
