"""The one way a product page handles a form: validate, call a service, report or show errors."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render


def add_service_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def apply(form: forms.BaseForm, save: Callable[[dict[str, Any]], Any]) -> bool:
    """True when the form is valid and ``save`` accepted its data; otherwise the errors,
    the form's own and the service's, are on the form."""
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return True
    return False


def act(request: HttpRequest, action: Callable[[], Any], done: str = "") -> bool:
    """Run a one-button service: True when it went through (with ``done`` as a message, if
    given); its refusal becomes an error message on the next page."""
    try:
        action()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    if done:
        messages.success(request, done)
    return True


def form_page(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[dict[str, Any]], Any],
    title: str,
    cancel: str,
    done: str | Callable[[Any], str],
    message: str,
    template: str = "core/form.html",
    context: dict[str, Any] | None = None,
) -> HttpResponse:
    """GET shows the form; a valid POST calls ``save`` with the cleaned data and redirects to
    ``done`` (or to ``done(what save returned)``, e.g. a new object's page); anything else shows
    the form again with its errors (400)."""
    saved: list[Any] = []
    if request.method == "POST" and apply(form, lambda data: saved.append(save(data))):
        messages.success(request, message)
        return redirect(done(saved[0]) if callable(done) else done)
    return render(
        request,
        template,
        {"form": form, "title": title, "cancel": cancel, **(context or {})},
        status=400 if request.method == "POST" else 200,
    )
