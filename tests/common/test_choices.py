"""Choice lists in the reader's order; country choosers with partners first and corrected names."""

import gettext
import unicodedata
from pathlib import Path

import django_countries
import pytest
from django import forms
from django.conf import settings
from django.utils import translation

from nairl.common.choices import (
    CORRECTED_COUNTRY_NAMES,
    CountryChoiceField,
    collated,
    country_groups,
)
from nairl.common.widgets import MOST_KEPT, FastSelect
from nairl.people.filters import InstitutionFilter, PersonFilter
from nairl.people.forms import InstitutionForm, PersonForm

PACKAGE_CATALOGUE = Path(django_countries.__file__).parent / "locale/ko_KR/LC_MESSAGES/django.mo"


def names(language):
    partners, others = country_groups(language)
    return [name for _code, name in partners[1]], [name for _code, name in others[1]]


def hangul_order(name: str) -> str:
    """An independent definition of 가나다 order for Hangul text: compare jamo by jamo."""
    return unicodedata.normalize("NFD", name)


def test_korean_country_list_is_in_korean_alphabetical_order():
    _partners, others = names("ko")
    assert others == sorted(others, key=hangul_order)
    assert others[:2] == ["가나", "가봉"]


def test_english_country_list_sorts_accents_with_their_letter():
    _partners, others = names("en")
    assert others.index("Afghanistan") < others.index("Åland Islands") < others.index("Albania")
    assert others.index("Costa Rica") < others.index("Côte d'Ivoire") < others.index("Croatia")


@pytest.mark.parametrize("language", ["ko", "en"])
def test_korea_and_the_partner_countries_come_first_and_only_once(language):
    partners, others = country_groups(language)
    codes = [code for code, _name in partners[1]]
    assert codes == settings.COUNTRIES_FIRST
    assert codes[0] == "KR"
    assert not set(codes) & {code for code, _name in others[1]}
    assert len(codes) + len(others[1]) == len(django_countries.countries.countries)


def test_korean_names_the_package_gets_wrong_come_from_the_hub_catalogue():
    with PACKAGE_CATALOGUE.open("rb") as catalogue:
        package = gettext.GNUTranslations(catalogue)
    with translation.override("ko"):
        for english in CORRECTED_COUNTRY_NAMES:
            ours = translation.gettext(english)
            assert ours != english, f"no Korean name for {english}"
            assert ours != package.gettext(english), f"{english}: still the package's name"


@pytest.mark.parametrize(
    "code, korean, english",
    [
        ("KY", "케이맨 제도", "Cayman Islands"),
        ("SC", "세이셸", "Seychelles"),
        ("RO", "루마니아", "Romania"),
        ("MN", "몽골", "Mongolia"),
        ("NR", "나우루", "Nauru"),
    ],
)
def test_names_reported_wrong_are_right_in_both_languages(code, korean, english):
    for language, expected in (("ko", korean), ("en", english)):
        _partners, others = country_groups(language)
        assert dict(others[1])[code] == expected


def test_collated_sorts_by_label_not_value():
    with translation.override("ko"):
        assert collated([("b", "나무"), ("a", "호수"), ("c", "가지")]) == [
            ("c", "가지"),
            ("b", "나무"),
            ("a", "호수"),
        ]


class CountryForm(forms.Form):
    country = CountryChoiceField(required=False)


def test_country_field_follows_the_language_it_is_shown_in():
    form = CountryForm()
    with translation.override("ko"):
        korean = str(form["country"])
    with translation.override("en"):
        english = str(form["country"])
    assert '<optgroup label="한국과 파트너 국가"><option value="KR">대한민국</option>' in korean
    assert '<optgroup label="Korea and partner countries"><option value="KR">South Korea' in english
    assert korean.index(">가나<") < korean.index(">덴마크<") < korean.index(">호주<")


def test_country_field_accepts_a_code_and_refuses_an_unknown_one():
    assert CountryForm({"country": "FR"}).is_valid()
    refused = CountryForm({"country": "XX"})
    assert not refused.is_valid()
    assert "Select a valid choice" in refused.errors["country"][0]


def test_fast_select_marks_the_chosen_option_inside_a_group():
    widget = FastSelect(choices=[("", "Any"), ("Group <1>", [("a", "A & B"), ("b", "C")])])
    html = widget.render("pick", "b")
    assert '<optgroup label="Group &lt;1&gt;">' in html
    assert '<option value="a">A &amp; B</option><option value="b" selected>C</option>' in html


@pytest.mark.parametrize("count", [3, MOST_KEPT + 1], ids=["kept options", "long list"])
def test_fast_select_marks_only_this_requests_choice(count):
    widget = FastSelect(choices=[(str(n), f"Option {n}") for n in range(count)])
    assert widget.render("pick", "2").count(" selected") == 1
    html = widget.render("pick", "1")  # the same choices again: nothing of the first choice left
    assert html.count(" selected") == 1
    assert '<option value="1" selected>Option 1</option>' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "make_form",
    [
        lambda: PersonFilter().form,
        lambda: InstitutionFilter().form,
        PersonForm,
        InstitutionForm,
    ],
    ids=["directory filter", "institution filter", "person form", "institution form"],
)
def test_every_country_chooser_of_the_hub_puts_korea_first(make_form):
    with translation.override("ko"):
        html = str(make_form()["country"])
    first_option = html.split("<option", 2)[2]
    assert first_option.startswith(' value="KR">대한민국<')
