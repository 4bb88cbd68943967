import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from nairl.common.bilingual import BilingualText, active_language, other_language
from nairl.people.models import ExpertiseArea, Person


def test_active_language_prefers_the_shown_language():
    person = Person(name_ko="김민준", name_en="Minjun Kim")
    with translation.override("ko"):
        assert person.name == "김민준"
        assert person.name.language == "ko"
    with translation.override("en"):
        assert person.name == "Minjun Kim"
        assert person.name.language == "en"


def test_falls_back_from_english_to_korean():
    person = Person(name_ko="김민준", name_en="")
    with translation.override("en"):
        assert person.name == "김민준"
        assert isinstance(person.name, BilingualText)
        assert person.name.language == "ko"


def test_falls_back_from_korean_to_english():
    person = Person(name_ko="", name_en="Jane Doe")
    with translation.override("ko"):
        assert person.name == "Jane Doe"
        assert person.name.language == "en"


def test_both_empty_gives_empty_text_in_the_active_language():
    person = Person(name_ko="", name_en="", bio_ko="", bio_en="")
    with translation.override("ko"):
        assert person.bio == ""
        assert person.bio.language == "ko"


def test_regional_and_unknown_languages_map_to_a_hub_language():
    with translation.override("en-gb"):
        assert active_language() == "en"
    with translation.override("fr"):
        assert active_language() == "ko"
    assert other_language("ko") == "en"
    assert other_language("en") == "ko"


def test_descriptor_on_the_class_is_the_descriptor_itself():
    assert Person.name.name == "name"


@pytest.mark.django_db
def test_at_least_one_language_is_required():
    person = Person(name_ko="  ", name_en="")
    with pytest.raises(ValidationError) as caught:
        person.full_clean(exclude=["sort_name", "search_text"])
    assert "name_ko" in caught.value.message_dict
    assert "Korean or English" in caught.value.message_dict["name_ko"][0]


@pytest.mark.django_db
def test_one_language_is_enough():
    Person(name_ko="", name_en="Jane Doe").full_clean(exclude=["sort_name", "search_text"])
    Person(name_ko="김민준", name_en="").full_clean(exclude=["sort_name", "search_text"])


@pytest.mark.django_db
def test_optional_bilingual_field_may_be_empty_in_both():
    person = Person(name_en="Jane Doe", bio_ko="", bio_en="")
    person.full_clean(exclude=["sort_name", "search_text"])


@pytest.mark.django_db
def test_overlong_char_value_rejected():
    area = ExpertiseArea(code="xx.YY", name_en="x" * 121)
    with pytest.raises(ValidationError) as caught:
        area.full_clean()
    assert "name_en" in caught.value.message_dict
    assert "120" in caught.value.message_dict["name_en"][0]


@pytest.mark.django_db
def test_overlong_text_value_rejected():
    person = Person(name_en="Jane Doe", bio_ko="가" * 5001)
    with pytest.raises(ValidationError) as caught:
        person.full_clean(exclude=["sort_name", "search_text"])
    assert list(caught.value.message_dict) == ["bio_ko"]
    assert "5000" in caught.value.message_dict["bio_ko"][0]


def test_columns_exist_for_both_languages():
    names = {field.name for field in Person._meta.get_fields()}
    assert {"name_ko", "name_en", "bio_ko", "bio_en"} <= names
    assert Person._meta.get_field("bio_ko").get_internal_type() == "TextField"
    assert Person._meta.get_field("name_en").max_length == 150
