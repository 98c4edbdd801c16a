"""What every API router shares: error schemas, strict bodies, paging, permission checks and
turning a service's ValidationError into a 422 that names the field."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.pagination import PageNumberPagination
from pydantic import ConfigDict


def one_of(choices: Any) -> str:
    return ", ".join(f"`{value}`" for value in choices.values)


class Message(Schema):
    detail: str


class FieldError(Schema):
    type: str
    loc: list[str | int] = Field(description="Where the error is, e.g. body, payload, name.")
    msg: str


class InvalidBody(Schema):
    """The body was not accepted; each error names its field. Nothing was written."""

    detail: list[FieldError]


class Strict(Schema):
    # A misspelt field is an error rather than a change that silently does not happen.
    model_config = ConfigDict(extra="forbid")


class PageQuery(Schema):
    page: int = Field(1, ge=1, description="Page number, from 1.")
    page_size: int | None = Field(
        None, ge=1, description="Rows per page: 20 unless given, at most 100."
    )


class Pages(PageNumberPagination):
    Input = PageQuery


def require_permission(request: HttpRequest, permission: str, obj: Any = None) -> None:
    if not request.user.has_perm(permission, obj):
        raise HttpError(403, _("You do not have permission to do this."))


@contextmanager
def invalid_as_422(*loc: str | int) -> Iterator[None]:
    """A service's ValidationError answers 422 naming the field, as a schema error does."""
    try:
        yield
    except DjangoValidationError as error:
        errors = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
        where = ["body", "payload", *loc]
        raise NinjaValidationError(
            [
                {
                    "type": "invalid",
                    "loc": where if field in ("", NON_FIELD_ERRORS) else [*where, field],
                    "msg": message,
                }
                for field, messages in errors.items()
                for message in messages
            ]
        ) from error
