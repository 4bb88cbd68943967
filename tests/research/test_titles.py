"""The normalised title two records of one work share."""

import pytest

from nairl.research.titles import title_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ('Learning with {\\"o}ber-Priors', "Learning with Ober priors"),
        ("Caf\\'{e} Models", "CAFÉ models!"),
        ("{Deep} \\emph{Scaling} Laws", "deep scaling laws"),
        ("대규모 언어 모델의 스케일링", "대규모언어모델의  스케일링."),
        ("Naïve Bayes: a re-view", "naive bayes — a review"),
    ],
)
def test_titles_written_differently_share_a_key(one, other):
    assert title_key(one) == title_key(other)


def test_different_titles_keep_different_keys():
    assert title_key("Scaling laws") != title_key("Scaling law")
    assert title_key("한국어 모델") == "한국어모델"
