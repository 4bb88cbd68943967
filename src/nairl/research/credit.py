"""The CRediT contributor roles (https://credit.niso.org), the vocabulary of who did what."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CreditRole(models.TextChoices):
    CONCEPTUALIZATION = "conceptualization", _("Conceptualization")
    DATA_CURATION = "data-curation", _("Data curation")
    FORMAL_ANALYSIS = "formal-analysis", _("Formal analysis")
    FUNDING_ACQUISITION = "funding-acquisition", _("Funding acquisition")
    INVESTIGATION = "investigation", _("Investigation")
    METHODOLOGY = "methodology", _("Methodology")
    PROJECT_ADMINISTRATION = "project-administration", _("Project administration")
    RESOURCES = "resources", _("Resources")
    SOFTWARE = "software", _("Software")
    SUPERVISION = "supervision", _("Supervision")
    VALIDATION = "validation", _("Validation")
    VISUALIZATION = "visualization", _("Visualization")
    WRITING_ORIGINAL_DRAFT = "writing-original-draft", _("Writing – original draft")
    WRITING_REVIEW_EDITING = "writing-review-editing", _("Writing – review & editing")


def validate_credit_roles(value) -> None:
    """A list of distinct CRediT role codes."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give the contributor roles as a list of role codes."))
    unknown = sorted(set(value) - set(CreditRole.values))
    if unknown:
        raise ValidationError(
            _("Not a CRediT contributor role: %(codes)s."), params={"codes": ", ".join(unknown)}
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A contributor role is given twice."))


def credit_labels(codes) -> list[str]:
    labels = dict(CreditRole.choices)
    return [str(labels[code]) for code in codes if code in labels]
