"""Bilingual content: every text a person writes exists in Korean and English.

`BilingualField("name", max_length=200)` on a model adds the real columns `name_ko` and `name_en`
and a read-only attribute `name` that gives the active language's text, falling back to the other
language when that one is empty.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = ("ko", "en")


def other_language(code: str) -> str:
    return "en" if code == "ko" else "ko"


def active_language() -> str:
    code = (translation.get_language() or "ko")[:2]
    return code if code in LANGUAGE_CODES else "ko"


class BilingualText(str):
    """The text shown, remembering which language it is in (for `lang` attributes)."""

    language: str

    def __new__(cls, value: str, language: str):
        text = super().__new__(cls, value)
        text.language = language
        return text


class BilingualDescriptor:
    def __init__(self, name: str):
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        return bilingual(getattr(instance, f"{self.name}_ko"), getattr(instance, f"{self.name}_en"))


def bilingual(ko: str, en: str, language: str = "") -> BilingualText:
    """The active language's text, else the other one's (also for texts read without a model).
    Code that picks many texts at once reads `active_language()` once and passes it."""
    wanted = language or active_language()
    texts = {"ko": ko, "en": en}
    for code in (wanted, other_language(wanted)):
        if texts[code]:
            return BilingualText(texts[code], code)
    return BilingualText("", wanted)


class BilingualField:
    """Adds `<name>_ko` and `<name>_en` columns of the same kind; at least one is required."""

    def __init__(self, verbose_name, *, text=False, required=True, max_length=200):
        self.verbose_name = verbose_name
        self.text = text
        self.required = required
        self.max_length = max_length

    def make_column(self, language_name):
        # Lazy, so the label follows the language of each request (an f-string would freeze it in
        # whatever language was active when the models were imported).
        label = format_lazy("{} ({})", self.verbose_name, language_name)
        if self.text:
            return models.TextField(
                label, blank=True, validators=[MaxLengthValidator(self.max_length)]
            )
        return models.CharField(label, blank=True, max_length=self.max_length)

    def contribute_to_class(self, cls, name):
        self.name = name
        cls.add_to_class(f"{name}_ko", self.make_column(_("Korean")))
        cls.add_to_class(f"{name}_en", self.make_column(_("English")))
        setattr(cls, name, BilingualDescriptor(name))
        cls._bilingual_fields = [*getattr(cls, "_bilingual_fields", []), self]


class BilingualModel(models.Model):
    """Validates that each required bilingual field has text in at least one language."""

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        for field in getattr(self, "_bilingual_fields", []):
            values = [getattr(self, f"{field.name}_{code}").strip() for code in LANGUAGE_CODES]
            if field.required and not any(values):
                errors[f"{field.name}_ko"] = _(
                    "Enter %(field)s in Korean or English (at least one)."
                ) % {"field": field.verbose_name}
        if errors:
            raise ValidationError(errors)
