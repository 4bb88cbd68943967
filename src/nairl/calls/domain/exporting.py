"""The ranking as a spreadsheet for the selection committee (CSV or XLSX)."""

from django.utils.translation import gettext as _

from nairl.common.spreadsheets import write_csv, write_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ranking_file(call, rows, kind: str) -> tuple[bytes, str]:
    headers = [
        _("Rank"),
        _("Application"),
        _("Title"),
        _("Status"),
        _("Reviews"),
        _("Weighted mean"),
        _("Median"),
        _("Normalised"),
        _("Spread"),
        _("Discuss"),
        _("Conflicts"),
    ]
    table = [
        [
            row.rank,
            row.application.code,
            row.application.title,
            str(row.application.get_status_display()),
            row.reviews,
            row.mean,
            row.median,
            row.normalised,
            row.spread,
            _("yes") if row.disputed else "",
            row.conflicts,
        ]
        for row in rows
    ]
    if kind == "xlsx":
        return write_xlsx(headers, table, title=_("Ranking")), XLSX
    return write_csv(headers, table), "text/csv; charset=utf-8"
