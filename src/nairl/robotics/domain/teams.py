"""What can be done to a team, whoever asks (page, API, command or demo)."""

from ..models import Team
from ..policies import forget_teams, team_ids_of


def save_team(*, team: Team, members=None, by) -> Team:
    """Saves the team; `members` (when given) replaces its members. Whoever creates a team, or
    edits one they belong to, stays in it (an administrator editing another team need not)."""
    stays = team.pk is None or team.pk in team_ids_of(by)
    team.save()
    if members is not None:
        members = list(members)
        if stays and by not in members:
            members.append(by)
        team.members.set(members)
    elif stays:
        team.members.add(by)
    forget_teams(by)
    return team
