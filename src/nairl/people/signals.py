"""Reindex people when something their search text is made of changes; keep the database's
search index in place after migrations."""

from django.db import connections
from django.db.migrations.recorder import MigrationRecorder
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete
from django.dispatch import receiver

from .domain import search_index
from .domain.indexing import reindex
from .models import Affiliation, ExpertiseArea, Institution, Person


@receiver(post_save, sender=Person)
def person_saved(sender, instance, raw=False, update_fields=None, **kwargs):
    if not raw and update_fields != frozenset({"search_text"}):
        reindex([instance.pk])


@receiver(m2m_changed, sender=Person.expertise.through)
def expertise_changed(sender, instance, action, pk_set=None, **kwargs):
    if isinstance(instance, Person):
        if action in ("post_add", "post_remove", "post_clear"):
            reindex([instance.pk])
    elif action in ("post_add", "post_remove"):  # a field's people changed (area.people.add)
        reindex(pk_set)
    elif action == "pre_clear":  # afterwards, nothing says who they were
        instance.people_before_clear = list(instance.people.values_list("pk", flat=True))
    elif action == "post_clear":
        reindex(instance.people_before_clear)


@receiver(post_save, sender=ExpertiseArea)
def expertise_area_saved(sender, instance, created, raw=False, **kwargs):
    """A field's code or names are in its people's search text."""
    if not raw and not created:
        reindex(instance.people.values_list("pk", flat=True))


@receiver(pre_delete, sender=ExpertiseArea)
def expertise_area_deleting(sender, instance, **kwargs):
    # The links go with the field, without m2m_changed: afterwards nothing says who had it.
    instance.people_before_delete = list(instance.people.values_list("pk", flat=True))


@receiver(post_delete, sender=ExpertiseArea)
def expertise_area_deleted(sender, instance, **kwargs):
    reindex(getattr(instance, "people_before_delete", []))


@receiver([post_save, post_delete], sender=Affiliation)
def affiliation_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        reindex([instance.person_id])


@receiver(post_save, sender=Institution)
def institution_saved(sender, instance, created, raw=False, **kwargs):
    if not raw and not created:
        reindex(instance.affiliations.values_list("person_id", flat=True))


@receiver(post_migrate)
def search_index_in_place(sender, using, **kwargs):
    """A migration that rebuilds people_person on SQLite drops the search triggers with the old
    table; this puts them (and the index's rows) back — unless the migration that makes the
    index was itself taken back."""
    connection = connections[using]
    if sender.name == "nairl.people" and search_index.MIGRATION in (
        MigrationRecorder(connection).applied_migrations()
    ):
        search_index.install(connection)
