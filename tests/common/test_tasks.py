import pytest
from django.db import transaction

from factories import make_person
from nairl.common.tasks import enqueue, resolve, run
from nairl.people.models import Person

pytestmark = pytest.mark.django_db


def test_inline_task_runs_only_after_commit(django_capture_on_commit_callbacks):
    person = make_person("Jane Doe")
    Person.objects.filter(pk=person.pk).update(search_text="stale")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with transaction.atomic():
            enqueue("nairl.people.domain.indexing.reindex", [person.pk])
            assert Person.objects.get(pk=person.pk).search_text == "stale"
    assert len(callbacks) == 1
    assert "jane doe" in Person.objects.get(pk=person.pk).search_text


def test_task_of_a_rolled_back_transaction_never_runs(django_capture_on_commit_callbacks):
    person = make_person("Jane Doe")
    Person.objects.filter(pk=person.pk).update(search_text="stale")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                enqueue("nairl.people.domain.indexing.reindex", [person.pk])
                raise RuntimeError("roll back")
        except RuntimeError:
            pass
    assert callbacks == []
    assert Person.objects.get(pk=person.pk).search_text == "stale"


def test_run_calls_the_function_with_its_arguments():
    person = make_person("Jane Doe")
    assert run("nairl.people.domain.indexing.reindex", [[person.pk]], {}) == 1


@pytest.mark.parametrize(
    "path, error",
    [
        ("nairl.people.domain.indexing.no_such_task", AttributeError),
        ("nairl.no_such_module.task", ImportError),
    ],
)
def test_unknown_task_path_fails_in_the_caller(path, error, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        with pytest.raises(error, match="no_such"):
            enqueue(path, 1)
    assert callbacks == []


@pytest.mark.parametrize("path", ["os.system", "subprocess.run", "builtins.eval"])
def test_only_the_hubs_own_functions_can_run(path):
    with pytest.raises(ValueError, match="Only the hub's own tasks"):
        resolve(path)
