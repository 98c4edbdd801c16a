"""The student's personal link: no account, the secret in the address is the key.

It shows only what the student needs: the round's places to choose from while the round is
open, and their own result once it is published — never another student.
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
from verbindt.placement import selectors, services
from verbindt.placement.forms import PreferencesForm
from verbindt.placement.models import RoundStatus


@never_cache
@login_not_required
@require_http_methods(["GET", "POST"])
def student_choice(request: HttpRequest, key: str) -> HttpResponse:
    student = selectors.student_by_link(secret_hash(key))
    if student is None:
        raise Http404(_("This link does not work (any more). Ask your teacher for a new one."))
    allocation_round = student.round
    form = None
    places = allocation_round.places.select_related("organisation")
    if allocation_round.status == RoundStatus.OPEN:
        form = PreferencesForm(
            request.POST or None,
            places=places,
            count=allocation_round.max_choices,
            initial={f"choice_{p.rank}": p.place_id for p in student.preferences.all()},
        )
        chosen = form

        def save(_data: dict) -> None:
            services.preferences_save(
                student=student, place_ids=chosen.place_ids(), by_student=True
            )

        if request.method == "POST" and apply(form, save):
            messages.success(
                request, _("Your choices are saved. You can change them until the round closes.")
            )
            return redirect(request.path)
    elif request.method == "POST":
        raise Http404  # nothing to save outside the open round
    return render(
        request,
        "placement/student_choice.html",
        {
            "student": student,
            "round": allocation_round,
            "form": form,
            "places": places,
            "published": allocation_round.status == RoundStatus.PUBLISHED,
            "assignment": getattr(student, "assignment", None),
        },
        status=400 if form is not None and form.errors else 200,
    )
