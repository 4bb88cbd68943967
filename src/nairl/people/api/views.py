from nairl.common.api import PolicyViewSet, WritablePolicyViewSet
from nairl.people.domain.search import with_directory_details
from nairl.people.filters import InstitutionFilter, PersonFilter
from nairl.people.models import Person
from nairl.people.policies import institution_policy, person_policy, taxonomy_policy

from .serializers import ExpertiseSerializer, InstitutionSerializer, PersonSerializer


class PersonViewSet(WritablePolicyViewSet):
    """People in the directory. Private profiles are listed only for their owner and hub staff."""

    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    policy = person_policy
    ordering = ("sort_name", "id")

    def base_queryset(self):
        return with_directory_details(Person.objects.all())

    def get_serializer_context(self):
        user = self.request.user
        return {
            **super().get_serializer_context(),
            "can_see_email": lambda person: person_policy.can_see_email(user, person),
        }


class InstitutionViewSet(WritablePolicyViewSet):
    """Universities, institutes, companies, government bodies and their ROR ids."""

    serializer_class = InstitutionSerializer
    filterset_class = InstitutionFilter
    policy = institution_policy
    ordering = ("sort_name", "id")


class ExpertiseViewSet(PolicyViewSet):
    """The expertise taxonomy (arXiv computer-science categories)."""

    serializer_class = ExpertiseSerializer
    policy = taxonomy_policy
    ordering = ("code", "id")
    lookup_field = "code"
    # Codes contain a dot (cs.RO), which DRF's default refuses; a second dot starts a format
    # suffix (cs.RO.json).
    lookup_value_regex = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?"
