"""Writes to the registry: organisations, locations, contacts, merging."""

import contextlib
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from verbindt.accounts.models import User
from verbindt.core.services import region_for_province
from verbindt.maturity.services import levels_mark_stale
from verbindt.network.electives import BUILT_IN_ELECTIVES
from verbindt.network.models import (
    Contact,
    Elective,
    Location,
    Organisation,
    OrganisationKind,
    PostcodeArea,
    Qualification,
)
from verbindt.network.postcodes import normalise_postcode, pc4


def _apply(instance: models.Model, data: dict[str, Any]) -> None:
    many = {}
    for name, value in data.items():
        if isinstance(instance._meta.get_field(name), models.ManyToManyField):
            many[name] = value
        else:
            setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, value in many.items():
        getattr(instance, name).set(value)


@transaction.atomic
def electives_ensure_defaults() -> list[Elective]:
    """The built-in Z&W electives, adding any that are missing; edited ones stay as they are."""
    for name in BUILT_IN_ELECTIVES:
        Elective.objects.get_or_create(name=name)
    return list(Elective.objects.order_by("pk"))


@transaction.atomic
def organisation_create(*, data: dict[str, Any], by: User | None = None) -> Organisation:
    organisation = Organisation()
    _apply(organisation, data)
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, data: dict[str, Any], by: User | None = None
) -> Organisation:
    _apply(organisation, data)
    return organisation


def location_geocode(location: Location, area: PostcodeArea | None = None) -> bool:
    """Coordinates from the postcode area; municipality and province only when empty.

    Imports pass the ``area`` they already loaded; otherwise it is looked up. True if found.
    """
    if area is None and location.postcode:
        area = PostcodeArea.objects.filter(pc4=pc4(location.postcode)).first()
    if area is None:
        return False
    location.latitude, location.longitude = area.latitude, area.longitude
    location.municipality_name = location.municipality_name or area.municipality_name
    location.municipality_code = location.municipality_code or area.municipality_code
    location.province = location.province or area.province
    return True


@transaction.atomic
def location_save(
    *, organisation: Organisation, data: dict[str, Any], location: Location | None = None
) -> Location:
    """Create or change a location; the postcode is normalised and geocoded when possible."""
    location = location or Location(organisation=organisation)
    for name, value in data.items():
        setattr(location, name, value)
    if location.postcode:
        with contextlib.suppress(ValueError):  # full_clean below names the field
            location.postcode = normalise_postcode(location.postcode)
    if location.latitude is None or location.longitude is None:
        location_geocode(location)
    location.full_clean()
    location.save()
    if organisation.region_id is None and location.province:
        organisation.region = region_for_province(location.province)
        if organisation.region is not None:
            organisation.save(update_fields=["region", "updated_at"])
    return location


@transaction.atomic
def location_delete(*, location: Location) -> None:
    location.delete()


@transaction.atomic
def contact_save(
    *, organisation: Organisation, data: dict[str, Any], contact: Contact | None = None
) -> Contact:
    contact = contact or Contact(organisation=organisation)
    for name, value in data.items():
        setattr(contact, name, value)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def qualification_add(*, organisation: Organisation, data: dict[str, Any]) -> Qualification:
    if organisation.kind != OrganisationKind.MBO_COLLEGE:
        raise ValidationError(_("Only an mbo college offers qualifications."))
    qualification = Qualification(organisation=organisation, **data)
    qualification.full_clean()
    qualification.save()
    return qualification


@transaction.atomic
def qualification_remove(*, qualification: Qualification) -> None:
    qualification.delete()


@transaction.atomic
def contact_anonymise(*, contact: Contact) -> Contact:
    """Remove a person on request: their details go, also from the history; links stay."""
    removed = _("Removed on request")
    contact.name, contact.email, contact.phone = removed, "", ""
    contact.active = False
    contact.anonymised_at = timezone.now()
    contact.save()
    contact.history.update(name=removed, email="", phone="")
    return contact


@dataclass
class MergeResult:
    moved: dict[str, int] = field(default_factory=dict)
    dropped: dict[str, int] = field(default_factory=dict)


def _is_history(model: type[models.Model]) -> bool:
    return hasattr(model, "instance_type")  # django-simple-history's historical models


@transaction.atomic
def organisation_merge(*, keep: Organisation, remove: Organisation) -> MergeResult:
    """Fold ``remove`` into ``keep``: every link moves over, blank details are filled in.

    Links are found from the model's relations, so relations added by later apps move too. A
    link that already exists on ``keep`` (the same membership, the same count) is dropped.
    """
    if keep.pk == remove.pk:
        raise ValidationError(_("An organisation cannot be merged with itself."))
    if keep.kind != remove.kind:
        raise ValidationError(
            _("Only organisations of the same kind can be merged: %(a)s is %(ka)s, %(b)s %(kb)s.")
            % {
                "a": keep,
                "ka": keep.get_kind_display(),
                "b": remove,
                "kb": remove.get_kind_display(),
            }
        )
    result = MergeResult()
    for relation in Organisation._meta.related_objects:
        model = relation.related_model
        assert not isinstance(model, str)  # resolved once the apps are loaded
        if _is_history(model):
            continue
        label = str(model._meta.verbose_name_plural)
        if isinstance(relation, models.ManyToManyRel):
            # The link rows of the through table point at the organisation: move those.
            assert relation.through is not None and not isinstance(relation.through, str)
            rows_model = relation.through
            fk = relation.field.m2m_reverse_field_name()
        else:
            rows_model, fk = model, relation.field.name
        for row in rows_model._default_manager.filter(**{fk: remove}):
            setattr(row, fk, keep)
            try:
                with transaction.atomic():
                    row.save(update_fields=[fk])
                result.moved[label] = result.moved.get(label, 0) + 1
            except IntegrityError:
                row.delete()
                result.dropped[label] = result.dropped.get(label, 0) + 1
    for m2m in Organisation._meta.many_to_many:
        getattr(keep, m2m.name).add(*getattr(remove, m2m.name).all())
    blank_fields = [
        f.name
        for f in Organisation._meta.concrete_fields
        if not f.primary_key
        and getattr(keep, f.attname) in ("", None)
        and getattr(remove, f.attname) not in ("", None)
    ]
    values = {name: getattr(remove, name) for name in blank_fields}
    remove.delete()  # first, so its unique DUO code is free for keep
    for name, value in values.items():
        setattr(keep, name, value)
    keep.full_clean()
    keep.save()
    levels_mark_stale(organisation_ids=[keep.pk])  # its collaborations may have grown
    return result
