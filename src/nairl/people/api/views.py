from rest_framework.exceptions import PermissionDenied

from nairl.common.api import PolicyViewSet, WritablePolicyViewSet
from nairl.people.domain.affiliations import save_affiliation
from nairl.people.domain.search import with_directory_details
from nairl.people.filters import AffiliationFilter, InstitutionFilter, PersonFilter
from nairl.people.models import Person
from nairl.people.policies import (
    affiliation_policy,
    institution_policy,
    person_policy,
    taxonomy_policy,
)

from .serializers import (
    AffiliationRecordSerializer,
    ExpertiseSerializer,
    InstitutionSerializer,
    PersonSerializer,
)


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


class AffiliationViewSet(WritablePolicyViewSet):
    """Affiliations of the people one may see; the person themself and hub staff add, correct
    and end them (an end is a PATCH of `end`)."""

    serializer_class = AffiliationRecordSerializer
    filterset_class = AffiliationFilter
    policy = affiliation_policy
    ordering = ("id",)
    select_related = ("institution", "person")
    create_operation = save_affiliation
    update_operation = save_affiliation

    def perform_create(self, serializer):
        if not affiliation_policy.can_add_to(
            self.request.user, serializer.validated_data["person"]
        ):
            raise PermissionDenied
        super().perform_create(serializer)
