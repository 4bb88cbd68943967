"""What would tell a reviewer who an applicant is, and text with it taken out.

The identity of an application is its applicant's names (Korean, English, the account's),
email addresses, ORCID iD and current institutions. A blind call's reviewers see every text of
the application with these replaced, and its files with them blanked out.
"""

import re

from django.utils.translation import gettext as _

MIN_TERM = 2  # a one-letter "name" would blank out half the text


def identity_terms(application) -> list[str]:
    """Everything that names the applicant (reads the profile and its current institutions)."""
    user, person = application.applicant, application.person
    terms = {user.username, user.email, user.first_name, user.last_name, user.get_full_name()}
    if person is not None:
        terms |= {person.name_ko, person.name_en, person.email, person.orcid or ""}
        terms |= set(person.name_en.split()) if len(person.name_en.split()) > 1 else set()
        for affiliation in person.affiliations.current().select_related("institution"):
            terms |= {affiliation.institution.name_ko, affiliation.institution.name_en}
    if user.email:
        terms.add(user.email.split("@")[0])
    # Longest first, so a full name goes before the surname inside it.
    return sorted(
        (t.strip() for t in terms if t and len(t.strip()) >= MIN_TERM), key=len, reverse=True
    )


def redact(text: str, terms: list[str]) -> str:
    if not text or not terms:
        return text
    pattern = re.compile("|".join(map(bounded, terms)), re.IGNORECASE)
    return pattern.sub(_("[withheld]"), text)


def bounded(term: str) -> str:
    """A Latin-script term matches whole words only (Kim, not the kim in skimming); Korean
    has no spaces before its particles (김민준은), so a Hangul term matches anywhere."""
    escaped = re.escape(term)
    if term.isascii():
        return rf"(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9])"
    return escaped
