"""The questionnaire behind a recipient's personal link: no account, the key is the credential.

It shows only that recipient's own answers; once they are submitted the page thanks them and
refuses another submission.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from verbindt.core.form_flow import apply
from verbindt.core.secrets import secret_hash
from verbindt.surveys import services
from verbindt.surveys.forms import ResponseForm
from verbindt.surveys.models import Recipient


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def survey_response(request: HttpRequest, key: str) -> HttpResponse:
    recipient = (
        Recipient.objects.select_related("campaign")
        .filter(link_hash=secret_hash(key))
        .exclude(link_hash="")
        .first()
    )
    if recipient is None:
        raise Http404(
            _(
                "This link does not work (any more). If you received a reminder, use the link "
                "in the newest e-mail."
            )
        )
    campaign = recipient.campaign
    context = {"campaign": campaign, "recipient": recipient}
    if recipient.submitted_at is not None:
        if request.method == "POST":
            messages.error(
                request,
                _("You have already sent your answers. A questionnaire can be sent only once."),
            )
        return render(
            request,
            "surveys/response_done.html",
            context,
            status=409 if request.method == "POST" else 200,
        )
    if not services.campaign_accepts_answers(campaign):
        return render(request, "surveys/response_closed.html", context)
    questions = list(campaign.questions.order_by("order", "pk"))
    by_pk = {question.pk: question for question in questions}
    initial = {by_pk[a.question_id].field_name: a.value for a in recipient.answers.all()}
    form = ResponseForm(request.POST or None, questions=questions, initial=initial)
    submit = "submit" in request.POST

    def save(_data: dict) -> None:
        services.response_save(recipient=recipient, answers=form.answers(), submit=submit)

    if request.method == "POST" and apply(form, save):
        if not submit:
            messages.success(
                request,
                _("Your answers are saved. You can continue later through the same link."),
            )
        return redirect(request.path)
    return render(
        request,
        "surveys/response_form.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )
