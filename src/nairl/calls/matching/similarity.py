"""Text similarity between applications and reviewer profiles, in Korean and English.

Latin-script words are lower-cased words of two letters or more (common English words left
out); Hangul runs become overlapping character pairs, so 강화학습 meets 강화 학습 and a
particle glued to a noun (학습을) still shares most pairs. Terms are weighted by TF-IDF
(sublinear term frequency, smoothed inverse document frequency) and rows are unit length, so
a dot product is the cosine similarity.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from scipy import sparse

WORD = re.compile(r"[a-z][a-z0-9\-]+|[\uac00-\ud7a3]+")
STOPWORDS = frozenset(
    "an and are as at be by for from has have in into is it its of on or our that the their "
    "this to was we were which will with not can may also more than these those using use "
    "based new such".split()
)


def terms(text: str) -> list[str]:
    found = []
    for word in WORD.findall(text.lower()):
        if "\uac00" <= word[0] <= "\ud7a3":
            found += [word[i : i + 2] for i in range(len(word) - 1)] if len(word) > 1 else [word]
        elif word not in STOPWORDS:
            found.append(word)
    return found


@dataclass
class TermMatrix:
    rows: sparse.csr_matrix  # one unit-length row per document
    vocabulary: list[str]


def tfidf(documents: list[str]) -> TermMatrix:
    """One row per document, over the terms of all the documents."""
    counts = [Counter(terms(text)) for text in documents]
    index: dict[str, int] = {}
    for counter in counts:
        for term in counter:
            index.setdefault(term, len(index))
    document_frequency = np.zeros(len(index))
    data, columns, pointers = [], [], [0]
    for counter in counts:
        for term, count in counter.items():
            column = index[term]
            document_frequency[column] += 1
            columns.append(column)
            data.append(1.0 + math.log(count))
        pointers.append(len(columns))
    matrix = sparse.csr_matrix(
        (np.array(data), np.array(columns, dtype=np.int64), np.array(pointers)),
        shape=(len(documents), len(index)),
    )
    idf = np.log((1 + len(documents)) / (1 + document_frequency)) + 1.0
    matrix = matrix @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return TermMatrix((sparse.diags(1.0 / norms) @ matrix).tocsr(), list(index))


def cosine_similarities(left: list[str], right: list[str]) -> tuple[np.ndarray, TermMatrix]:
    """Similarity of every left document with every right one (fitted on both sets at once,
    so a term common to all applications weighs little), and the fitted matrix."""
    fitted = tfidf(left + right)
    rows = fitted.rows.tocsr()
    similarity = (rows[: len(left)] @ rows[len(left) :].T).toarray()
    return similarity, fitted


def shared_terms(fitted: TermMatrix, left_row: int, right_row: int, count: int = 3) -> list[str]:
    """The terms that contribute most to the similarity of two documents of one fitted set
    (read straight from the CSR arrays: this runs once per assignment, thousands of times)."""
    rows = fitted.rows
    pointer, columns, values = rows.indptr, rows.indices, rows.data
    left = slice(pointer[left_row], pointer[left_row + 1])
    right = slice(pointer[right_row], pointer[right_row + 1])
    common, mine, theirs = np.intersect1d(
        columns[left], columns[right], assume_unique=True, return_indices=True
    )
    if not len(common):
        return []
    weight = values[left][mine] * values[right][theirs]
    return [fitted.vocabulary[common[i]] for i in np.argsort(-weight)[:count]]


def jaccard(left: set, right: set) -> float:
    union = left | right
    return len(left & right) / len(union) if union else 0.0
