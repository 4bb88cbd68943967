"""Fields of expertise (the arXiv computer-science categories) in a few groups, so that a
person picks theirs from five short lists rather than forty loose checkboxes."""

from django.utils.translation import gettext_lazy as _

GROUPS = [
    (
        _("AI and machine learning"),
        ("cs.AI", "cs.LG", "cs.CL", "cs.CV", "cs.NE", "cs.RO", "cs.MA", "cs.IR"),
    ),
    (
        _("Theory"),
        ("cs.CC", "cs.CG", "cs.DM", "cs.DS", "cs.FL", "cs.GT", "cs.IT", "cs.LO", "cs.NA", "cs.SC"),
    ),
    (_("Systems"), ("cs.AR", "cs.DC", "cs.ET", "cs.NI", "cs.OS", "cs.PF", "cs.SY")),
    (_("Software, data and security"), ("cs.CR", "cs.DB", "cs.MS", "cs.PL", "cs.SE")),
    (
        _("People, media and society"),
        ("cs.CY", "cs.DL", "cs.GR", "cs.HC", "cs.MM", "cs.SD", "cs.SI", "cs.CE", "cs.GL", "cs.OH"),
    ),
]
OTHER = _("Other fields")
GROUPED = {code for _title, codes in GROUPS for code in codes}


def grouped_choices(areas) -> list[tuple[str, list[tuple[int, str]]]]:
    """[(group, [(area id, "name (code)"), ...]), ...] in the reader's language; areas in no
    group (added later) come last, under "Other fields"."""
    by_code = {area.code: area for area in areas}
    groups = []
    for title, codes in [*GROUPS, (OTHER, sorted(set(by_code) - GROUPED))]:
        choices = [
            (by_code[code].pk, f"{by_code[code].name} ({code})")
            for code in codes
            if code in by_code
        ]
        if choices:
            groups.append((str(title), sorted(choices, key=lambda choice: choice[1])))
    return groups
