"""Invitation letters for the visa application: a bilingual PDF stating the stay's facts, with a
code that staff check against what was issued."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from nairl.common.documents import normalize_code, render_pdf, sha256, verification_code

from ..models import ChecklistItem, ChecklistKind, InvitationLetter, Stay, StayStatus
from .stays import revoke_letters

TEMPLATE = "residency/invitation_letter.html"
LETTER_STATUSES = (StayStatus.APPROVED, StayStatus.CONFIRMED, StayStatus.ARRIVED)


def both_names(korean: str, english: str) -> str:
    """A name as a letter states it: Korean and English where both exist."""
    if korean and english and korean != english:
        return f"{english} ({korean})"
    return english or korean


def issue_letter(*, stay: Stay, by, verify_url: str = "") -> InvitationLetter:
    """Renders and stores a new letter (earlier ones are revoked) and ticks the checklist."""
    if stay.status not in LETTER_STATUSES:
        raise ValidationError(
            _("An invitation letter is issued for an approved or confirmed stay.")
        )
    visitor, institution = stay.visitor, stay.home_institution
    letter = InvitationLetter(
        stay=stay,
        visitor_name=both_names(visitor.name_ko, visitor.name_en),
        institution_name=both_names(institution.name_ko, institution.name_en),
        start=stay.start,
        end=stay.end,
        issued_by=by if getattr(by, "is_authenticated", False) else None,
    )
    revoke_letters(stay, because_dates_changed=False)
    for _attempt in range(3):  # a code drawn twice (one in 10^18) is drawn again
        letter.code = verification_code()
        letter.issued_at = timezone.now()
        letter.pdf = render_pdf(
            TEMPLATE, {"letter": letter, "stay": stay, "verify_url": verify_url}, language="ko"
        )
        letter.sha256 = sha256(letter.pdf)
        try:
            with transaction.atomic():
                letter.save()
            break
        except IntegrityError:
            continue
    ChecklistItem.objects.filter(stay=stay, kind=ChecklistKind.INVITATION_LETTER).update(
        state=ChecklistItem.State.DONE, completed_at=timezone.now()
    )
    return letter


def find_letter(code: str) -> InvitationLetter | None:
    """The letter a code belongs to (typed in any case, with or without dashes)."""
    return (
        InvitationLetter.objects.defer("pdf")
        .select_related("stay", "issued_by")
        .filter(code=normalize_code(code))
        .first()
    )


def current_letter(stay: Stay) -> InvitationLetter | None:
    return stay.letters.filter(revoked_at__isnull=True).defer("pdf").first()
