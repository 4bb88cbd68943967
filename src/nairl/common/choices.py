"""Choice lists as a reader expects them, for every app's forms.

Choices sort in the reader's alphabetical order: Korean in 가나다 order, English with accents
and case as secondary differences. Country choosers put Korea and the partner countries first
(`settings.COUNTRIES_FIRST`), then every country in that order, with the names the hub's catalogue
corrects.
"""

import functools

import pyuca
from django import forms
from django.conf import settings
from django.utils.choices import BaseChoiceIterator
from django.utils.translation import get_language, gettext, gettext_noop, override
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .widgets import FastSelect

# The Unicode Collation Algorithm's default table. It is the dictionary order of both hub
# languages: Hangul syllables by initial, medial and final jamo (가나다), Latin letters with
# accents and case second (Åland between Afghanistan and Albania). Python's own sort puts every
# accented or capitalised name in the wrong place, and django-countries without a collator
# leaves Korean names in the order of their English names.
COLLATOR = pyuca.Collator()

# Country names django-countries translates wrongly into Korean ("케이맨 섬1", "시칠리" for
# Seychelles, "로마니아", "몽골리아") or not as Korea's foreign ministry writes them. Marked here,
# the same English names are in the hub's catalogue, which Django reads before the package's
# (LOCALE_PATHS): locale/ko holds the correct names.
CORRECTED_COUNTRY_NAMES = (
    gettext_noop("Australia"),
    gettext_noop("Bonaire, Sint Eustatius and Saba"),
    gettext_noop("British Indian Ocean Territory"),
    gettext_noop("Burundi"),
    gettext_noop("Cayman Islands"),
    gettext_noop("Christmas Island"),
    gettext_noop("Cocos (Keeling) Islands"),
    gettext_noop("Cook Islands"),
    gettext_noop("Curaçao"),
    gettext_noop("Dominica"),
    gettext_noop("Guadeloupe"),
    gettext_noop("Heard Island and McDonald Islands"),
    gettext_noop("Jersey"),
    gettext_noop("Mongolia"),
    gettext_noop("Montserrat"),
    gettext_noop("North Korea"),
    gettext_noop("Réunion"),
    gettext_noop("Romania"),
    gettext_noop("Saint Martin (French part)"),
    gettext_noop("Seychelles"),
    gettext_noop("Sint Maarten (Dutch part)"),
    gettext_noop("Thailand"),
    gettext_noop("Tokelau"),
    gettext_noop("Türkiye"),
)


def collation_key(text) -> tuple:
    return COLLATOR.sort_key(str(text))


def collated(choices) -> list[tuple]:
    """(value, label) pairs sorted by label in the reader's order (call it in their language)."""
    return sorted(choices, key=lambda choice: collation_key(choice[1]))


@functools.lru_cache(maxsize=8)
def country_groups(language: str) -> tuple:
    """Two option groups: Korea and the partner countries, then all the others; cached because
    translating and sorting 249 names costs a few milliseconds per request."""
    with override(language):
        first = tuple((code, str(countries.name(code))) for code in settings.COUNTRIES_FIRST)
        others = collated(
            (code, str(name)) for code, name in countries if code not in settings.COUNTRIES_FIRST
        )
        return (
            (gettext("Korea and partner countries"), first),
            (gettext("All countries"), tuple(others)),
        )


class NormalizedChoices(BaseChoiceIterator):
    """Choices already in Django's normal form, such as the cached country groups: given a plain
    sequence, a choice field copies and checks its 250 countries again each time it reads them
    (rendering, validating) — a third of the directory's filter form."""

    def __init__(self, choices: tuple):
        self.choices = choices

    def __iter__(self):
        return iter(self.choices)


@functools.lru_cache(maxsize=8)
def country_names(language: str) -> dict[str, str]:
    """Code -> name in the language, for lists that name many countries (read once, cached)."""
    return {code: name for _group, members in country_groups(language) for code, name in members}


ANY = _("Any")


def country_choices(blank_label) -> list:
    return [("", str(blank_label)), *country_groups(get_language())]


class CountryChoiceField(forms.ChoiceField):
    """The country chooser of every form: an ISO 3166 code, in the reader's language and order.

    Choices are computed when the form is shown, so they follow the request's language.
    """

    widget = FastSelect

    def __init__(self, *, blank_label=ANY, **kwargs):
        kwargs.setdefault("label", _("Country"))
        super().__init__(choices=functools.partial(country_choices, blank_label), **kwargs)
