"""BibTeX import (LaTeX, accents, Korean, malformed entries, duplicates, author links) and the
export that reads back to the same records."""

import datetime
import random

import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware

from factories import make_person, valid_orcid
from nairl.common.imports import ImportRefused
from nairl.research.domain.bibtex import ReadFieldsDecoding
from nairl.research.domain.output_files import import_output_file
from nairl.research.models import Output

from ..helpers import assert_export_reads_back, make_output, make_project

pytestmark = pytest.mark.django_db

GOOD = r"""
@article{muller2023,
  title = {Sc{\"a}ling {Laws} for Caf{\'e} Robots \& Friends},
  author = {M{\"u}ller, J{\"o}rg and Kim, Min-su and 김철수},
  journal = {Journal of {AI}},
  year = 2023,
  doi = {https://doi.org/10.1234/ABC.1}
}

@misc{preprint,
  title = {대규모 언어 모델의 스케일링 법칙},
  author = {이영희 and Smith, Jane},
  year = {2024},
  date = {2024-03-05},
  eprint = {2403.00001v2},
  archivePrefix = {arXiv}
}

@software{code,
  title = {nairl-tools: 100\% \_underscored\_ \{braces\}},
  author = {Park, Ji-ho},
  publisher = {GitHub},
  year = {2022},
  url = {https://github.com/nairl/tools}
}

@patent{patent,
  title = {Method for robots},
  author = {Choi, Eun},
  year = {2023},
  number = {KR10-2023-0012345}
}
"""
MALFORMED = r"""
@article{nodoi,
  title = {Fine entry},
  year = {2021}
}

@article{broken,
  title = {Missing brace,
  year = 2021

@article{badyear, title = {Bad year}, year = {twenty}}
@article{baddoi, title = {Bad DOI}, year = {2020}, doi = {11.1/x}}
"""


def test_entries_are_read_with_latex_and_accents_decoded_and_korean_kept():
    report = import_output_file(source=GOOD.encode(), by=None)
    assert report.created == 4
    paper = Output.objects.get(doi="10.1234/abc.1")
    assert paper.title == "Scäling Laws for Café Robots & Friends"
    assert paper.venue == "Journal of AI"
    assert [a.name for a in paper.authors.all()] == ["Müller, Jörg", "Kim, Min-su", "김철수"]
    preprint = Output.objects.get(arxiv_id="2403.00001")
    assert (preprint.kind, preprint.title) == ("preprint", "대규모 언어 모델의 스케일링 법칙")
    assert preprint.published == datetime.date(2024, 3, 5)
    code = Output.objects.get(kind="code")
    assert code.title == "nairl-tools: 100% _underscored_ {braces}"
    assert Output.objects.get(kind="patent").patent_number == "KR1020230012345"


def test_export_then_import_gives_the_same_records():
    import_output_file(source=GOOD.encode(), by=None)
    make_output("Weights ~ ^ \\ $x$ #1", kind=Output.Kind.MODEL, url="https://hf.example/m")
    assert_export_reads_back("bib")


def test_a_file_with_malformed_entries_is_refused_whole_with_each_problem_and_its_line():
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source=MALFORMED.encode(), by=None)
    problems = [(p.row, p.column) for p in refused.value.report.problems]
    assert problems == [(7, ""), (11, "year"), (12, "doi")]
    assert "cannot be read" in refused.value.report.problems[0].message
    assert Output.objects.count() == 0


def test_the_valid_entries_are_imported_when_asked_and_the_others_listed():
    report = import_output_file(source=MALFORMED.encode(), skip_invalid=True, by=None)
    assert report.created == 1
    assert [p.row for p in report.skipped] == [7, 11, 12]
    assert list(Output.objects.values_list("title", flat=True)) == ["Fine entry"]


def test_a_file_that_is_not_utf8_is_refused():
    with pytest.raises(ImportRefused) as refused:
        import_output_file(source="@article{x, title={Caf\xe9}}".encode("latin-1"), by=None)
    assert "not UTF-8" in refused.value.report.problems[0].message


def test_duplicates_of_existing_outputs_and_within_the_file_are_reported_not_created():
    existing = make_output("Something else", doi="10.1234/abc.1")
    twice = GOOD + "\n@misc{again, title = {대규모 언어모델의 스케일링 법칙.}, year = {2024}}\n"
    report = import_output_file(source=twice.encode(), by=None)
    assert report.created == 3
    assert [output for _line, output in report.duplicates][0] == existing
    assert len(report.duplicates) == 2
    assert Output.objects.count() == 4


def test_authors_are_linked_by_orcid_then_by_an_unambiguous_exact_name():
    by_orcid = make_person("Someone Else", orcid=valid_orcid(77))
    by_name = make_person("Jane Smith")
    make_person("Ji-ho Park")
    make_person("Ji-ho Park")  # two people of that name: not linked
    project = make_project()
    entries = GOOD.replace(
        'author = {M{\\"u}ller', f'orcid = {{{valid_orcid(77)}}},\n  author = {{M{{\\"u}}ller'
    )
    report = import_output_file(source=entries.encode(), projects=[project], by=None)
    paper = Output.objects.get(doi="10.1234/abc.1")
    assert paper.authors.first().person == by_orcid
    preprint = Output.objects.get(arxiv_id="2403.00001")
    assert [a.person for a in preprint.authors.all()] == [None, by_name]
    assert (None, "Park, Ji-ho") not in report.unmatched_authors
    assert "Park, Ji-ho" in [name for _line, name in report.unmatched_authors]
    assert project.outputs.count() == 4


# Pieces of LaTeX that decode differently alone and together: accents with and without braces
# or a space before their letter, commands that take the following word, groups over spaces,
# comments, math, dashes, quotes, ties, Korean, unknown commands.
TRICKY = [
    *("Caf{\\'e}", '{\\"o}ber', '\\"o', '\\" o', "\\&", "\\%", "100\\%", "\\_x\\_", "\\{b\\}"),
    *("{AI}", "{Barnes and Noble}", "J.~Smith", "1--2", "a---b", "``q''", "!`", "?`", "\\ss"),
    *("\\ss{}", "\\LaTeX", "\\textbf{bold}", "\\emph{x y}", "\\url{https://x.org/a_b}", "모델"),
    *("word", "and", "O'Brien", "x'", "\\'", "\\c{c}", "\\c c", "\\o", "{\\aa}", "\\i", "\\~n"),
    *("\\t{oo}", "\\#", "\\$", "#", "^", "_", "&", "~", "{", "}", "\\", "\\ ", "\\,", "$x^2$"),
    *("50%", "\\begin{itemize}", "\\\\", "\\newline", "\\cite{k}", "\\foo{bar}", "{\\bf a b}"),
]


def test_decoding_word_by_word_gives_what_bibtexparser_gives_for_the_whole_value():
    whole, by_word = LatexDecodingMiddleware(), ReadFieldsDecoding()
    draw = random.Random(13)
    for _sample in range(3000):
        value = "".join(
            draw.choice(TRICKY) + draw.choice(["", " ", "  ", "\n", " \n ", "\t"])
            for _word in range(draw.randint(1, 7))
        ).strip()
        assert by_word._transform_python_value_string(
            value
        ) == whole._transform_python_value_string(value), value
