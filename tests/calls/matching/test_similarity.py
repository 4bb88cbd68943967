"""Text similarity in Korean and English."""

from nairl.calls.matching.similarity import cosine_similarities, jaccard, shared_terms, terms


def test_korean_words_become_character_pairs_and_english_loses_stopwords():
    assert terms("강화학습을 the robots") == ["강화", "화학", "학습", "습을", "robots"]


def test_similar_texts_score_higher_in_both_languages():
    applications = ["로봇 강화학습 제어 연구", "scaling laws for language models"]
    reviewers = [
        "강화학습 기반 로봇 제어",
        "neural scaling laws and compute-optimal language models",
    ]
    similarity, fitted = cosine_similarities(applications, reviewers)
    assert similarity[0, 0] > similarity[0, 1]
    assert similarity[1, 1] > similarity[1, 0]
    assert "scaling" in shared_terms(fitted, 1, 3) or "laws" in shared_terms(fitted, 1, 3)


def test_empty_texts_have_no_similarity():
    similarity, _fitted = cosine_similarities(["", "words here"], [""])
    assert similarity.tolist() == [[0.0], [0.0]]


def test_jaccard():
    assert jaccard({"cs.LG", "cs.RO"}, {"cs.RO"}) == 0.5 and jaccard(set(), set()) == 0.0
