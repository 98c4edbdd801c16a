"""Pages of the survey campaigns, for the platform and regional coordinators."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from rules.contrib.views import objectgetter

from verbindt.accounts.models import Role
from verbindt.accounts.selectors import active_membership
from verbindt.core import schoolyears
from verbindt.core.form_flow import act, form_page
from verbindt.core.models import SchoolYear
from verbindt.core.permissions import require
from verbindt.core.services import school_year_get_or_create
from verbindt.network.models import Organisation
from verbindt.surveys import selectors, services
from verbindt.surveys.exports import campaign_table, campaigns_table
from verbindt.surveys.forms import CampaignForm, OrganisationFilterForm, QuestionForm
from verbindt.surveys.models import Campaign, CampaignStatus, Question, Recipient

a_campaign = objectgetter(Campaign, "pk")
ORGANISATIONS_PER_PAGE = 100


def _detail(pk: int, anchor: str = "") -> str:
    return reverse("campaign_detail", args=[pk]) + anchor


def _site_url(request: HttpRequest) -> str:
    # The links point to the address the coordinator uses, as the placement links do.
    return request.build_absolute_uri("/")


@require_GET
@require("surveys.list_campaigns")
def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = list(selectors.campaigns_for(user=request.user))
    for campaign in campaigns:
        campaign.percent = selectors.rate(campaign.responded_count, campaign.invited_count)
    return render(request, "surveys/campaign_list.html", {"campaigns": campaigns})


@require_GET
@require("surveys.list_campaigns")
def campaign_list_export(request: HttpRequest, extension: str) -> HttpResponse:
    return campaigns_table(extension, selectors.campaigns_for(user=request.user))


@require_http_methods(["GET", "POST"])
@require("surveys.create_campaign")
def campaign_create(request: HttpRequest) -> HttpResponse:
    start = schoolyears.start_year_for(timezone.localdate())
    if request.method == "POST":  # only a form that saves may create the school years
        for year in (start, start + 1):
            school_year_get_or_create(start_year=year)
    membership = active_membership(request.user)
    own_region = membership.region if membership.role == Role.REGIONAL_COORDINATOR else None
    form = CampaignForm(
        request.POST or None,
        school_years=SchoolYear.objects.filter(start_year__in=[start, start + 1]),
        region=own_region,
        initial={"school_year": SchoolYear.objects.filter(start_year=start).first()},
    )

    def save(data: dict[str, Any]) -> Campaign:
        return services.campaign_create(
            title=data["title"],
            intro=data["intro"],
            school_year=data["school_year"],
            region=own_region or data.get("region"),
            closes_on=data["closes_on"],
            from_template=data["start"] == "template",
            by=request.user,  # type: ignore[arg-type]
        )

    return form_page(
        request,
        form,
        save=save,
        title=_("New survey campaign"),
        cancel=reverse("campaign_list"),
        done=lambda created: reverse("campaign_detail", args=(created.pk,)),
        message=_("The campaign is created. Check the questions, then choose who to ask."),
    )


@require_GET
@require("surveys.view_campaign", fn=a_campaign)
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("school_year", "region"), pk=pk)
    recipients = list(selectors.campaign_recipients(campaign))
    invited = sum(1 for r in recipients if r.invited_at)
    responded = sum(1 for r in recipients if r.submitted_at)
    return render(
        request,
        "surveys/campaign_detail.html",
        {
            "campaign": campaign,
            "questions": campaign.questions.order_by("order", "pk"),
            "recipients": recipients,
            "invited": invited,
            "responded": responded,
            "started": sum(1 for r in recipients if r.saved_at and not r.submitted_at),
            "waiting": len(recipients) - invited,
            "percent": selectors.rate(responded, invited),
            "draft": campaign.status == CampaignStatus.DRAFT,
            "open": campaign.status != CampaignStatus.CLOSED,
        },
    )


@require_http_methods(["GET", "POST"])
@require("surveys.manage_campaign", fn=a_campaign)
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    return form_page(
        request,
        CampaignForm(request.POST or None, instance=campaign, school_years=None, region=None),
        save=lambda data: services.campaign_update(campaign=campaign, data=data),
        title=_("Edit %(title)s") % {"title": campaign.title},
        cancel=_detail(pk),
        done=_detail(pk),
        message=_("Your changes are saved."),
    )


# --- The questionnaire -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("surveys.manage_campaign", fn=a_campaign)
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    return form_page(
        request,
        QuestionForm(request.POST or None, initial={"kind": "single"}),
        save=lambda data: services.question_add(campaign=campaign, **data),
        title=_("Add a question"),
        cancel=_detail(pk, "#questions"),
        done=_detail(pk, "#questions"),
        message=_("The question is added."),
    )


@require_http_methods(["GET", "POST"])
@require("surveys.manage_campaign", fn=a_campaign)
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=question_pk, campaign_id=pk)
    return form_page(
        request,
        QuestionForm(request.POST or None, initial=QuestionForm.initial_for(question)),
        save=lambda data: services.question_update(question=question, data=data),
        title=_("Edit question %(number)s") % {"number": question.order},
        cancel=_detail(pk, "#questions"),
        done=_detail(pk, "#questions"),
        message=_("Your changes are saved."),
    )


@require_POST
@require("surveys.manage_campaign", fn=a_campaign)
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=question_pk, campaign_id=pk)
    act(request, lambda: services.question_delete(question=question), _("The question is removed."))
    return redirect(_detail(pk, "#questions"))


@require_POST
@require("surveys.manage_campaign", fn=a_campaign)
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = get_object_or_404(Question, pk=question_pk, campaign_id=pk)
    direction = request.POST.get("direction", "")
    act(request, lambda: services.question_move(question=question, direction=direction))
    return redirect(_detail(pk, f"#question-{question.pk}"))


# --- Who is asked ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@require("surveys.manage_campaign", fn=a_campaign)
def recipients_choose(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("region"), pk=pk)
    filters = OrganisationFilterForm(request.GET)
    candidates = selectors.organisations_to_ask(
        campaign=campaign, user=request.user, **filters.values()
    )
    if request.method == "POST":
        ids = [int(i) for i in request.POST.getlist("organisation") if i.isdigit()]
        chosen = list(Organisation.objects.filter(pk__in=ids).order_by("name"))
        if act(
            request,
            lambda: _report_chosen(request, campaign=campaign, organisations=chosen),
        ):
            return redirect(_detail(pk, "#recipients"))
    page = Paginator(candidates, ORGANISATIONS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "surveys/recipients_choose.html",
        {
            "campaign": campaign,
            "filters": filters,
            "page": page,
            "query": query.urlencode(),
            "show_region_filter": campaign.region_id is None,
        },
        status=400 if request.method == "POST" else 200,
    )


def _report_chosen(request: HttpRequest, *, campaign: Campaign, organisations: list) -> None:
    chosen = services.recipients_choose(
        campaign=campaign,
        organisations=organisations,
        by=request.user,  # type: ignore[arg-type]
    )
    added = len(chosen.added)
    messages.success(
        request,
        ngettext("%(count)s contact is added.", "%(count)s contacts are added.", added)
        % {"count": added},
    )
    if chosen.already:
        messages.info(
            request,
            ngettext(
                "%(count)s contact was on the list already.",
                "%(count)s contacts were on the list already.",
                chosen.already,
            )
            % {"count": chosen.already},
        )
    if chosen.without_email:
        messages.warning(
            request,
            _("No contact with an e-mail address, so not asked: %(names)s.")
            % {"names": ", ".join(o.name for o in chosen.without_email)},
        )


@require_POST
@require("surveys.manage_campaign", fn=a_campaign)
def recipient_remove(request: HttpRequest, pk: int, recipient_pk: int) -> HttpResponse:
    recipient = get_object_or_404(Recipient, pk=recipient_pk, campaign_id=pk)
    act(
        request,
        lambda: services.recipient_remove(recipient=recipient),
        _("%(name)s is removed from the list.") % {"name": recipient.name},
    )
    return redirect(_detail(pk, "#recipients"))


# --- Sending, reminding, closing ---------------------------------------------------------


@require_POST
@require("surveys.manage_campaign", fn=a_campaign)
def campaign_send(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    try_count: dict[str, int] = {}

    def send() -> None:
        try_count["n"] = services.campaign_send(campaign=campaign, site_url=_site_url(request))

    if act(request, send):
        messages.success(
            request,
            ngettext(
                "The invitation is being sent to %(count)s person.",
                "The invitations are being sent to %(count)s people.",
                try_count["n"],
            )
            % {"count": try_count["n"]},
        )
    return redirect(_detail(pk))


@require_POST
@require("surveys.manage_campaign", fn=a_campaign)
def campaign_remind(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    sent: dict[str, int] = {}

    def remind() -> None:
        sent["n"] = services.campaign_remind(campaign=campaign, site_url=_site_url(request))

    if act(request, remind):
        messages.success(
            request,
            ngettext(
                "A reminder is being sent to %(count)s person who has not answered yet.",
                "A reminder is being sent to %(count)s people who have not answered yet.",
                sent["n"],
            )
            % {"count": sent["n"]},
        )
    return redirect(_detail(pk))


@require_POST
@require("surveys.manage_campaign", fn=a_campaign)
def campaign_close(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    act(
        request,
        lambda: services.campaign_close(campaign=campaign),
        _("The campaign is closed: the links no longer accept answers."),
    )
    return redirect(_detail(pk))


# --- Results -----------------------------------------------------------------------------


@require_GET
@require("surveys.view_campaign", fn=a_campaign)
def campaign_results(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = get_object_or_404(Campaign.objects.select_related("school_year", "region"), pk=pk)
    results = selectors.campaign_results(campaign)
    return render(
        request,
        "surveys/results.html",
        {
            "campaign": campaign,
            "results": results,
            "charts": selectors.chart_data(results),
            "min_group": selectors.MIN_GROUP,
        },
    )


@require_GET
@require("surveys.view_campaign", fn=a_campaign)
def campaign_export(request: HttpRequest, pk: int, table: str, extension: str) -> HttpResponse:
    campaign = get_object_or_404(Campaign, pk=pk)
    return campaign_table(extension, campaign, table)
