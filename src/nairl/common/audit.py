"""The audit trail: every save and delete of an `Audited` model is written down with its diff."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .context import current_actor, current_request_id
from .models import AuditEntry


def plain(value):
    """A JSON-safe form of a field value."""
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)  # Decimal, UUID, Country and the like have a faithful text form


def snapshot(instance) -> dict:
    return {
        field.attname: plain(getattr(instance, field.attname))
        for field in instance._meta.concrete_fields
        if field.attname not in instance.audit_exclude
    }


class Audited(models.Model):
    """Mixin: remembers the values loaded from the database so a save can record before/after."""

    audit_exclude: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Kept as loaded, made JSON-safe only if the instance is saved: list pages load hundreds
        # of rows and save none.
        instance._audit_loaded = (field_names, values)
        return instance

    def audit_before(self) -> dict:
        """The values as last loaded or saved, JSON-safe."""
        if hasattr(self, "_audit_saved"):
            return self._audit_saved
        field_names, values = getattr(self, "_audit_loaded", ((), ()))
        return dict(zip(field_names, map(plain, values), strict=True))


def record(instance, action: str, changes: dict) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=current_actor.get(),
        action=action,
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:300],
        changes=changes,
        request_id=current_request_id.get(),
    )


def record_batch(objects, action: str = AuditEntry.Action.IMPORT) -> None:
    """One entry per object, written in one query: how a bulk import is audited (bulk inserts
    send no save signals)."""
    objects = list(objects)
    if not objects:
        return
    content_type = ContentType.objects.get_for_model(objects[0], for_concrete_model=False)
    actor, request_id = current_actor.get(), current_request_id.get()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor,
            action=action,
            content_type=content_type,
            object_id=str(obj.pk),
            object_repr=str(obj)[:300],
            request_id=request_id,
            changes={k: [None, v] for k, v in snapshot(obj).items()},
        )
        for obj in objects
    )


@receiver(post_save)
def audit_save(sender, instance, created, raw=False, **kwargs):
    if raw or not isinstance(instance, Audited):
        return
    after = snapshot(instance)
    if created:
        record(instance, AuditEntry.Action.CREATE, {k: [None, v] for k, v in after.items()})
    else:
        before = instance.audit_before()
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        if changes:
            record(instance, AuditEntry.Action.UPDATE, changes)
    instance._audit_saved = after


@receiver(post_delete)
def audit_delete(sender, instance, **kwargs):
    if isinstance(instance, Audited):
        record(
            instance,
            AuditEntry.Action.DELETE,
            {k: [v, None] for k, v in snapshot(instance).items()},
        )


@receiver(m2m_changed)
def audit_many_to_many(sender, instance, action, reverse, **kwargs):
    """A change of an audited record's many-to-many field (a study's members, a team's members)
    is recorded like any other change: the ids before and after."""
    if reverse or not isinstance(instance, Audited) or instance.pk is None:
        return
    field = next((f for f in instance._meta.many_to_many if f.remote_field.through is sender), None)
    if field is None or field.name in instance.audit_exclude:
        return
    if action in ("pre_add", "pre_remove", "pre_clear"):
        before = getattr(instance, "_audit_many", {})
        before[field.name] = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        instance._audit_many = before
    elif action in ("post_add", "post_remove", "post_clear"):
        before = getattr(instance, "_audit_many", {}).pop(field.name, None)
        after = sorted(getattr(instance, field.name).values_list("pk", flat=True))
        if before != after:
            record(instance, AuditEntry.Action.UPDATE, {field.name: [before, after]})
