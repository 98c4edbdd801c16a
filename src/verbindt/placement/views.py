"""Pages of allocation rounds for the school and its coordinators, and for the hosts."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import objectgetter

from verbindt.accounts.selectors import active_membership
from verbindt.core import schoolyears
from verbindt.core.form_flow import act, apply, form_page
from verbindt.core.models import SchoolYear
from verbindt.core.permissions import require
from verbindt.core.services import school_year_get_or_create
from verbindt.core.tables import table_response
from verbindt.network.models import Organisation, OrganisationKind
from verbindt.network.selectors import organisations_in_scope
from verbindt.placement import selectors, services
from verbindt.placement.forms import (
    AdjustForm,
    ImportForm,
    PlaceForm,
    PreferencesForm,
    RoundForm,
    StudentForm,
)
from verbindt.placement.models import AllocationRound, RoundPlace, RoundStatus, RoundStudent

a_round = objectgetter(AllocationRound, "pk")
NEW_LINKS = "verbindt_new_student_links"  # shown once on the next page, then forgotten


def _detail(pk: int, anchor: str = "") -> str:
    return reverse("round_detail", args=[pk]) + anchor


@require_GET
@require("placement.list_rounds")
def round_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "placement/round_list.html",
        {
            "rounds": selectors.rounds_for(user=request.user),
            "can_create": request.user.has_perm("placement.create_round"),
        },
    )


def _schools_for(request: HttpRequest) -> Any:
    """The schools a round may belong to: those the user's role answers for."""
    return organisations_in_scope(request.user).filter(kind=OrganisationKind.VMBO_LOCATION)


@require_http_methods(["GET", "POST"])
@require("placement.create_round")
def round_create(request: HttpRequest) -> HttpResponse:
    start = schoolyears.start_year_for(timezone.localdate())
    if request.method == "POST":  # only a form that saves may create the school years
        for year in (start, start + 1):
            school_year_get_or_create(start_year=year)
    schools = _schools_for(request)
    form = RoundForm(
        request.POST or None,
        schools=schools,
        school_years=SchoolYear.objects.filter(start_year__in=[start, start + 1]),
        initial={
            "school_year": SchoolYear.objects.filter(start_year=start).first(),
            "schools": list(schools) if schools.count() == 1 else [],
        },
    )
    return form_page(
        request,
        form,
        save=lambda data: services.round_create(**data, by=request.user),  # type: ignore[arg-type]
        title=_("New allocation round"),
        cancel=reverse("round_list"),
        done=lambda created: reverse("round_detail", args=(created.pk,)),
        message=_("The round is created. Add places and students."),
    )


@require_GET
@require("placement.view_round", fn=a_round)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(
        AllocationRound.objects.select_related("school_year"), pk=pk
    )
    # While a run goes on, htmx asks for the progress part every second.
    if request.htmx:
        return render(request, "placement/_run_progress.html", {"round": allocation_round})
    students = list(selectors.round_students(allocation_round))
    links = request.session.pop(NEW_LINKS, {})
    can_manage = request.user.has_perm("placement.manage_round", allocation_round)
    return render(
        request,
        "placement/round_detail.html",
        {
            "round": allocation_round,
            "places": selectors.round_places(allocation_round),
            "students": students,
            "chosen": sum(1 for s in students if s.choices),
            "suggestions": selectors.partner_suggestions(allocation_round) if can_manage else [],
            "can_manage": can_manage,
            "editable": allocation_round.status in services.EDITABLE,
            "runnable": allocation_round.status in services.RUNNABLE,
            "new_links": [(s.name, links[str(s.pk)]) for s in students if str(s.pk) in links],
        },
    )


@require_http_methods(["GET", "POST"])
@require("placement.manage_round", fn=a_round)
def round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    form = RoundForm(
        request.POST or None, instance=allocation_round, schools=None, school_years=None
    )
    return form_page(
        request,
        form,
        save=lambda data: services.round_update(allocation_round=allocation_round, data=data),
        title=_("Edit %(title)s") % {"title": allocation_round.title},
        cancel=_detail(pk),
        done=_detail(pk),
        message=_("Your changes are saved."),
    )


@require_POST
@require("placement.manage_round", fn=a_round)
def round_open(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    act(
        request,
        lambda: services.round_open(allocation_round=allocation_round),
        _("The round is open: students can choose through their personal links."),
    )
    return redirect(_detail(pk))


# --- Places and students -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("placement.manage_round", fn=a_round)
def place_add(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    regions = allocation_round.schools.values("region_id")
    organisations = Organisation.objects.filter(kind__in=services.HOSTS, region_id__in=regions)
    form = PlaceForm(
        request.POST or None,
        organisations=organisations,
        initial={"organisation": request.GET.get("organisation"), "capacity": 2},
    )
    return form_page(
        request,
        form,
        save=lambda data: services.place_add(allocation_round=allocation_round, **data),
        title=_("Add a place"),
        cancel=_detail(pk, "#places"),
        done=_detail(pk, "#places"),
        message=_("The place is added."),
    )


@require_POST
@require("placement.manage_round", fn=a_round)
def place_remove(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    place = get_object_or_404(RoundPlace, pk=place_pk, round_id=pk)
    act(request, lambda: services.place_remove(place=place), _("The place is removed."))
    return redirect(_detail(pk, "#places"))


@require_http_methods(["GET", "POST"])
@require("placement.manage_round", fn=a_round)
def student_add(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    return form_page(
        request,
        StudentForm(request.POST or None),
        save=lambda data: services.student_add(allocation_round=allocation_round, **data),
        title=_("Add a student"),
        cancel=_detail(pk, "#students"),
        done=_detail(pk, "#students"),
        message=_("The student is added."),
    )


@require_http_methods(["GET", "POST"])
@require("placement.manage_round", fn=a_round)
def students_import(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    return form_page(
        request,
        ImportForm(request.POST or None),
        save=lambda data: services.students_import(
            allocation_round=allocation_round, text=data["text"]
        ),
        title=_("Paste a list of students"),
        cancel=_detail(pk, "#students"),
        done=_detail(pk, "#students"),
        message=_("The students are added."),
    )


@require_http_methods(["GET", "POST"])
@require("placement.manage_round", fn=a_round)
def student_edit(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    student = get_object_or_404(RoundStudent, pk=student_pk, round_id=pk)
    return form_page(
        request,
        StudentForm(request.POST or None, instance=student),
        save=lambda data: services.student_update(student=student, data=data),
        title=_("Edit %(name)s") % {"name": student.name},
        cancel=_detail(pk, "#students"),
        done=_detail(pk, "#students"),
        message=_("Your changes are saved."),
    )


@require_POST
@require("placement.manage_round", fn=a_round)
def student_remove(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    student = get_object_or_404(RoundStudent, pk=student_pk, round_id=pk)
    act(request, lambda: services.student_remove(student=student), _("The student is removed."))
    return redirect(_detail(pk, "#students"))


@require_http_methods(["GET", "POST"])
@require("placement.enter_preferences", fn=a_round)
def preferences_edit(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    student = get_object_or_404(
        RoundStudent.objects.select_related("round"), pk=student_pk, round_id=pk
    )
    form = PreferencesForm(
        request.POST or None,
        places=student.round.places.select_related("organisation"),
        count=student.round.max_choices,
        initial={f"choice_{p.rank}": p.place_id for p in student.preferences.all()},
    )
    return form_page(
        request,
        form,
        save=lambda _data: services.preferences_save(student=student, place_ids=form.place_ids()),
        title=_("Choices of %(name)s") % {"name": student.name},
        cancel=_detail(pk, "#students"),
        done=_detail(pk, "#students"),
        message=_("The choices are saved."),
    )


@require_POST
@require("placement.manage_round", fn=a_round)
def student_link_create(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    student = get_object_or_404(RoundStudent, pk=student_pk, round_id=pk)
    key = services.student_link_create(student=student)
    links = request.session.get(NEW_LINKS, {})
    links[str(student.pk)] = request.build_absolute_uri(reverse("student_choice", args=[key]))
    request.session[NEW_LINKS] = links
    return redirect(_detail(pk, "#students"))


@require_POST
@require("placement.manage_round", fn=a_round)
def student_link_revoke(request: HttpRequest, pk: int, student_pk: int) -> HttpResponse:
    student = get_object_or_404(RoundStudent, pk=student_pk, round_id=pk)
    services.student_link_revoke(student=student)
    messages.success(
        request, _("The personal link of %(name)s no longer works.") % {"name": student}
    )
    return redirect(_detail(pk, "#students"))


# --- Run, review, publish ----------------------------------------------------------------


@require_POST
@require("placement.manage_round", fn=a_round)
def round_run(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    try:
        services.round_run_start(allocation_round=allocation_round)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_detail(pk, "#run"))


def _review_page(
    request: HttpRequest, allocation_round: AllocationRound, form: AdjustForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "placement/review.html",
        {
            "round": allocation_round,
            "review": selectors.round_review(allocation_round),
            "metrics": allocation_round.metrics,
            "form": form,
            "can_adjust": allocation_round.status == RoundStatus.REVIEW
            and request.user.has_perm("placement.manage_round", allocation_round),
        },
        status=status,
    )


@require_GET
@require("placement.view_round", fn=a_round)
def round_review(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    return _review_page(request, allocation_round, AdjustForm(allocation_round=allocation_round))


@require_POST
@require("placement.manage_round", fn=a_round)
def assignment_adjust(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    form = AdjustForm(request.POST, allocation_round=allocation_round)

    def save(data: dict[str, Any]) -> None:
        services.assignment_move(
            student=data["student"], place=data["place"], confirmed=data["confirm"]
        )

    if apply(form, save):
        messages.success(request, _("The student is moved."))
        return redirect(reverse("round_review", args=[pk]) + "#adjust")
    return _review_page(request, allocation_round, form, status=400)


@require_POST
@require("placement.manage_round", fn=a_round)
def round_publish(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    act(
        request,
        lambda: services.round_publish(allocation_round=allocation_round),
        _("The result is published: students and hosts can see it now."),
    )
    return redirect("round_review", pk)


@require_GET
@require("placement.view_round", fn=a_round)
def round_export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    headers = [
        _("Student"),
        _("Group"),
        _("Year"),
        _("Organisation"),
        _("Place"),
        _("Choice"),
        _("Adjusted by hand"),
        _("Explanation"),
    ]
    rows = (
        [
            row.student.name,
            row.student.group,
            row.student.study_year,
            row.place.organisation.name if row.place else "",
            row.place.label if row.place else "",
            row.rank or "",
            _("yes") if row.manual else "",
            row.explanation,
        ]
        for row in selectors.result_rows(allocation_round)
    )
    return table_response(extension, f"plaatsing-{allocation_round.pk}", headers, rows)


@require_GET
@require("placement.view_hosted_students", fn=a_round)
def hosted_students(request: HttpRequest, pk: int) -> HttpResponse:
    allocation_round = get_object_or_404(AllocationRound, pk=pk)
    membership = active_membership(request.user)
    assert membership is not None  # the permission needs one
    return render(
        request,
        "placement/hosted.html",
        {
            "round": allocation_round,
            "rows": selectors.hosted_students(allocation_round, membership.organisation_id),
        },
    )
