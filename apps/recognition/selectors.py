"""Reads for the award, suggestions and pulse surveys, with the anonymity threshold."""

from collections import defaultdict
from statistics import mean

from django.db.models import Count, QuerySet

from .models import AwardMonth, Nomination, PulseSurvey, Suggestion

# Pulse results are shown for a team only where at least this many people answered.
MIN_ANSWERS_TO_SHOW = 5


def winners() -> QuerySet[AwardMonth]:
    return AwardMonth.objects.filter(status=AwardMonth.Status.DECIDED).select_related(
        "winner__nominee__team"
    )


def nominations_for(award_month: AwardMonth) -> QuerySet[Nomination]:
    return award_month.nominations.select_related("nominee__team", "nominated_by")


def suggestion_list(*, status: str = "", search: str = "") -> QuerySet[Suggestion]:
    suggestions = Suggestion.objects.all()
    if status:
        suggestions = suggestions.filter(status=status)
    if search:
        suggestions = suggestions.filter(title__icontains=search)
    return suggestions


def open_pulse_surveys(*, user, today) -> list[dict]:
    surveys = PulseSurvey.objects.filter(opens__lte=today, closes__gte=today)
    answered = set(PulseSurvey.objects.filter(participants__user=user).values_list("pk", flat=True))
    return [{"survey": s, "answered": s.pk in answered} for s in surveys]


def _summarise(statements, answers) -> list[dict]:
    rows = []
    for index, statement in enumerate(statements):
        scores = [a.scores[index] for a in answers]
        rows.append(
            {
                "statement": statement,
                "mean": round(mean(scores), 2),
                "agree": round(100 * sum(1 for s in scores if s >= 4) / len(scores)),
            }
        )
    return rows


def pulse_results(survey: PulseSurvey) -> dict:
    """Results overall and by team. A team (or the whole survey) with fewer than five
    answers shows no figures, so nobody's answer can be picked out."""
    answers = list(survey.answers.select_related("team"))
    by_team = defaultdict(list)
    for answer in answers:
        by_team[answer.team].append(answer)
    teams = []
    for team, team_answers in sorted(by_team.items(), key=lambda item: str(item[0] or "")):
        shown = len(team_answers) >= MIN_ANSWERS_TO_SHOW
        teams.append(
            {
                "team": team,
                "answers": len(team_answers) if shown else None,
                "rows": _summarise(survey.statements, team_answers) if shown else None,
            }
        )
    overall_shown = len(answers) >= MIN_ANSWERS_TO_SHOW
    return {
        "answers": len(answers),
        "overall": _summarise(survey.statements, answers) if overall_shown else None,
        "teams": teams,
        "comments": [a.comment for a in answers if a.comment] if overall_shown else [],
    }


def pulse_surveys() -> QuerySet[PulseSurvey]:
    return PulseSurvey.objects.annotate(answer_count=Count("answers"))
