"""What can be done to projects and their members, whoever asks (page, API, command or demo)."""

from nairl.people.models import Affiliation

from ..credit import CreditRole
from ..models import Membership, Project
from .program_figures import refresh_program_figures

# What a principal investigator does on their own project, unless told otherwise.
PI_ROLES = [CreditRole.SUPERVISION.value, CreditRole.PROJECT_ADMINISTRATION.value]


def create_project(*, project: Project, partners=None, keywords=None, by) -> Project:
    """Saves a new project; its principal investigator becomes its first member."""
    project.full_clean()
    project.save()
    set_links(project, partners, keywords)
    add_member(
        membership=Membership(
            project=project,
            person=project.principal_investigator,
            roles=PI_ROLES,
            start=project.start,
        ),
        by=by,
    )
    return project


def update_project(*, project: Project, partners=None, keywords=None, by) -> Project:
    project.full_clean()
    stored = Project.objects.values_list("program_id", "is_public").get(pk=project.pk)
    project.save()
    set_links(project, partners, keywords)
    if stored != (project.program_id, project.is_public):
        # Its outputs move between programs or audiences.
        refresh_program_figures({stored[0], project.program_id})
    return project


def delete_project(*, project: Project, by) -> None:
    """Deletes a project (its memberships, milestones and output links go with it)."""
    program_id = project.program_id
    project.delete()
    refresh_program_figures([program_id])


def set_links(project: Project, partners, keywords) -> None:
    if partners is not None:
        project.partners.set(partners)
    if keywords is not None:
        project.keywords.set(keywords)


def add_member(*, membership: Membership, by) -> Membership:
    """Adds a person to a project for a period (refused if they already are a member then).
    Without an institution, the member works for the one they are affiliated with when they
    start."""
    if membership.institution_id is None and membership.person_id and membership.start:
        affiliation = (
            Affiliation.objects.current(membership.start)
            .filter(person_id=membership.person_id)
            .order_by("-start", "id")
            .first()
        )
        membership.institution_id = affiliation.institution_id if affiliation else None
    membership.full_clean()
    membership.save()
    return membership


def update_member(*, membership: Membership, by) -> Membership:
    """Changes a membership: roles, institution, or its dates (ending it, for instance)."""
    membership.full_clean()
    membership.save()
    return membership
