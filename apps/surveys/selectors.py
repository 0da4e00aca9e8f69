"""Every non-trivial read of the surveys area: lists, results and the value review figures."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Site, Team
from apps.catalogue.models import Service
from apps.contacts.models import Contact

from . import stats
from .models import (
    Invitation,
    Mode,
    OptOut,
    Question,
    Response,
    ResponseChannel,
    Survey,
    SurveyAction,
    ValueReview,
)

DIMENSIONS = {
    "channel": _("Channel"),
    "site": _("Site"),
    "service": _("Service"),
    "team": _("Team"),
    "month": _("Month"),
}


def min_cell_size() -> int:
    return int(getattr(settings, "SURVEY_MIN_CELL_SIZE", 10))


def _period(
    start: datetime.date, end: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz),
    )


def sees_all(user) -> bool:
    return user.has_perm("surveys.view_all_results")


def can_view_advisor_results(*, viewer, advisor) -> bool:
    """An advisor's results are seen by the advisor, their team manager, and those who see all."""
    if viewer.pk == advisor.pk or sees_all(viewer):
        return True
    return (
        viewer.has_perm("surveys.view_team_results")
        and viewer.team_id is not None
        and viewer.team_id == advisor.team_id
    )


def responses_visible_to(user) -> QuerySet[Response]:
    """Responses a user may see: all, their team's (team manager) or their own (advisor)."""
    queryset = Response.objects.all()
    if sees_all(user):
        return queryset
    if user.has_perm("surveys.view_team_results") and user.team_id:
        return queryset.filter(Q(advisor=user) | Q(advisor__team_id=user.team_id))
    return queryset.filter(advisor=user)


def response_list(*, user, mode: str = "", channel: str = "", advisor=None) -> QuerySet[Response]:
    queryset = responses_visible_to(user).select_related("advisor", "team", "site", "service")
    if mode:
        queryset = queryset.filter(mode=mode)
    if channel:
        queryset = queryset.filter(channel=channel)
    if advisor is not None:
        queryset = queryset.filter(advisor=advisor)
    return queryset.order_by("-finished_at", "-pk")


def response_detail(*, user, pk: int) -> Response:
    return (
        responses_visible_to(user)
        .select_related("advisor", "team", "site", "service", "survey", "contact")
        .prefetch_related("answers__question")
        .get(pk=pk)
    )


@dataclass
class Cell:
    """One row of the results: a channel, site, service, team or month."""

    key: object
    label: str
    responses: int
    distribution: list[int]
    satisfied: int
    invited: int = 0
    answered: int = 0
    suppressed: bool = False
    mean: float | None = None
    mean_interval: stats.Interval | None = None
    share_satisfied: float | None = None
    share_interval: stats.Interval | None = None
    response_rate: float | None = None
    response_rate_interval: stats.Interval | None = None
    notes: list[str] = field(default_factory=list)


def _score_aggregates(prefix: str = "") -> dict:
    name = f"{prefix}satisfaction"
    aggregates = {f"s{score}": Count("pk", filter=Q(**{name: score})) for score in range(1, 6)}
    aggregates["satisfied"] = Count("pk", filter=Q(**{f"{name}__gte": 4}))
    return aggregates


def _cell(key, label, row: dict, invited: int, answered: int, minimum: int) -> Cell:
    distribution = [row.get(f"s{score}", 0) for score in range(1, 6)]
    n, mean, sd = stats.mean_sd_from_distribution(distribution)
    cell = Cell(
        key=key,
        label=label,
        responses=n,
        distribution=distribution,
        satisfied=row.get("satisfied", 0),
        invited=invited,
        answered=answered,
    )
    if n < minimum:
        cell.suppressed = True
        return cell
    cell.mean = mean
    cell.mean_interval = stats.mean_interval(n, mean, sd or 0.0)
    cell.share_satisfied = cell.satisfied / n
    cell.share_interval = stats.wilson(cell.satisfied, n)
    if invited:
        cell.response_rate = answered / invited
        cell.response_rate_interval = stats.wilson(answered, invited)
    return cell


def _labels(by: str, keys) -> dict:
    keys = [k for k in keys if k is not None]
    if by == "channel":
        return dict(ResponseChannel.choices)
    if by == "month":
        return {k: k.strftime("%B %Y") for k in keys}
    model = {"site": Site, "service": Service, "team": Team}[by]
    return {obj.pk: str(obj) for obj in model.objects.filter(pk__in=keys).only("pk", "name")}


def results_by(
    *,
    by: str,
    start: datetime.date,
    end: datetime.date,
    mode: str = "",
    advisor=None,
    responses: QuerySet[Response] | None = None,
) -> list[Cell]:
    """Satisfaction for each channel, site, service, team or month of a period.

    Mean score and distribution, share satisfied (4 or 5) with its Wilson interval, the
    mean's t interval and the response rate to invitations; cells with fewer responses than
    the minimum are marked suppressed and carry no figures.
    """
    if by not in DIMENSIONS:
        raise ValueError(by)
    lower, upper = _period(start, end)
    column = "channel" if by == "channel" else f"{by}_id"
    group = TruncMonth("finished_at") if by == "month" else F(column)
    queryset = responses if responses is not None else Response.objects.all()
    queryset = queryset.filter(
        finished_at__gte=lower, finished_at__lt=upper, satisfaction__isnull=False
    )
    invitations = Invitation.objects.filter(sent_at__gte=lower, sent_at__lt=upper)
    if mode:
        queryset = queryset.filter(mode=mode)
        invitations = invitations.filter(mode=mode)
    if advisor is not None:
        queryset = queryset.filter(advisor=advisor)
        invitations = invitations.filter(advisor=advisor)
    rows = {
        row["key"]: row
        for row in queryset.annotate(key=group).values("key").annotate(**_score_aggregates())
    }
    invitation_group = TruncMonth("sent_at") if by == "month" else F(column)
    invited = {
        row["key"]: row
        for row in invitations.annotate(key=invitation_group)
        .values("key")
        .annotate(invited=Count("pk"), answered=Count("pk", filter=Q(used_at__isnull=False)))
    }
    if by == "month":
        rows = {_month(k): v for k, v in rows.items()}
        invited = {_month(k): v for k, v in invited.items()}
    keys = set(rows) | set(invited)
    labels = _labels(by, keys)
    minimum = min_cell_size()
    cells = [
        _cell(
            key,
            str(labels.get(key, _("Not recorded"))) if key is not None else _("Not recorded"),
            rows.get(key, {}),
            invited.get(key, {}).get("invited", 0),
            invited.get(key, {}).get("answered", 0),
            minimum,
        )
        for key in keys
    ]
    if by == "month":
        return sorted(cells, key=lambda c: c.key or datetime.date.min)
    return sorted(cells, key=lambda c: c.label)


def _month(value):
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).date().replace(day=1)
            if timezone.is_aware(value)
            else value.date().replace(day=1)
        )
    return value.replace(day=1)


def action_list(*, status: str = "") -> QuerySet[SurveyAction]:
    queryset = SurveyAction.objects.all()
    if status:
        queryset = queryset.filter(status=status)
    return queryset


def value_review_list() -> QuerySet[ValueReview]:
    return ValueReview.objects.select_related("built_by", "decided_by")


def latest_decided_review() -> ValueReview | None:
    return ValueReview.objects.exclude(recommendation="").order_by("-decided_at").first()


def _mode_figures(responses: QuerySet[Response], mode: str, denominator: int) -> dict:
    row = responses.filter(mode=mode).aggregate(
        **_score_aggregates(),
        total=Count("pk"),
        resolved_yes=Count("pk", filter=Q(resolved=True)),
        resolved_n=Count("pk", filter=Q(resolved__isnull=False)),
    )
    distribution = [row[f"s{score}"] for score in range(1, 6)]
    n, mean, sd = stats.mean_sd_from_distribution(distribution)
    mean_ci = stats.mean_interval(n, mean, sd or 0.0) if n >= 2 else None
    share_ci = stats.wilson(row["satisfied"], n)
    rate_ci = stats.wilson(min(row["total"], denominator), denominator)
    return {
        "mode": mode,
        "label": str(Mode(mode).label),
        "responses": row["total"],
        "scored": n,
        "denominator": denominator,
        "response_rate": row["total"] / denominator if denominator else None,
        "response_rate_ci": [rate_ci.low, rate_ci.high] if rate_ci else None,
        "distribution": distribution,
        "mean": mean,
        "mean_ci": [mean_ci.low, mean_ci.high] if mean_ci else None,
        "satisfied": row["satisfied"],
        "share_satisfied": row["satisfied"] / n if n else None,
        "share_satisfied_ci": [share_ci.low, share_ci.high] if share_ci else None,
        "share_resolved": row["resolved_yes"] / row["resolved_n"] if row["resolved_n"] else None,
    }


def suggest_recommendation(figures: dict) -> tuple[str, list[str]]:
    """Continue, change or stop advisor-administered surveys, with the reasons, from figures."""
    advisor, independent = figures["advisor"], figures["independent"]
    comparison = figures["comparison"]
    minimum = figures["minimum"]
    reasons = []
    if advisor["scored"] < minimum or independent["scored"] < minimum:
        reasons.append(
            _("There are too few responses of one mode to compare them (fewer than %(n)d).")
            % {"n": minimum}
        )
        return "continue", reasons
    p = comparison["mann_whitney_p"]
    share_p = comparison["share_p"]
    significant = (p is not None and p < 0.05) or (share_p is not None and share_p < 0.05)
    higher = (comparison["mean_difference"] or 0) > 0
    if significant and higher:
        reasons.append(
            _(
                "Advisor-administered surveys score significantly higher than independent ones "
                "(Mann-Whitney p = %(p).3f), which suggests residents tell the advisor who "
                "served them what they want to hear."
            )
            % {"p": p if p is not None else share_p}
        )
    actions = figures["actions"]["count"]
    if actions == 0:
        reasons.append(_("No action was taken because of survey results in the period."))
    else:
        reasons.append(_("%(n)d actions were taken because of survey results.") % {"n": actions})
    reasons.append(
        _("Asking cost %(minutes).0f advisor minutes (£%(cost).2f).")
        % {"minutes": figures["time"]["minutes"], "cost": figures["time"]["cost"]}
    )
    if significant and higher and actions == 0:
        return "stop", reasons
    if significant and higher:
        return "change", reasons
    return "continue", reasons


def value_review_figures(*, start: datetime.date, end: datetime.date, hourly_rate: float) -> dict:
    """The value review's figures: each mode's response rate and scores with 95% intervals,
    the differences and their significance, the advisor time and cost, and the actions.

    The advisor-administered response rate is responses over contacts handled in the period;
    the independent one is responses over invitations sent.
    """
    lower, upper = _period(start, end)
    responses = Response.objects.filter(finished_at__gte=lower, finished_at__lt=upper)
    contacts = Contact.objects.filter(started_at__gte=lower, started_at__lt=upper).count()
    invitations = Invitation.objects.filter(
        sent_at__gte=lower, sent_at__lt=upper, mode=Mode.INDEPENDENT
    ).count()
    advisor = _mode_figures(responses, Mode.ADVISOR, contacts)
    independent = _mode_figures(responses, Mode.INDEPENDENT, invitations)
    means = stats.compare_means(
        stats.expand(advisor["distribution"]), stats.expand(independent["distribution"])
    )
    shares = stats.compare_proportions(
        advisor["satisfied"], advisor["scored"], independent["satisfied"], independent["scored"]
    )
    timed = responses.filter(mode=Mode.ADVISOR, started_at__isnull=False).values_list(
        "started_at", "finished_at"
    )
    seconds = sum((finished - started).total_seconds() for started, finished in timed)
    minutes = seconds / 60
    actions = SurveyAction.objects.filter(action_date__gte=start, action_date__lte=end)
    by_status = dict(
        actions.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    figures = {
        "start": start.isoformat(),
        "end": end.isoformat(),
        "minimum": min_cell_size(),
        "advisor": advisor,
        "independent": independent,
        "comparison": {
            "mean_difference": means["difference"],
            "welch_p": means["welch_p"],
            "mann_whitney_p": means["mann_whitney_p"],
            "share_difference": shares["difference"],
            "share_z": shares["z"],
            "share_p": shares["p"],
        },
        "time": {
            "responses_timed": len(timed),
            "minutes": minutes,
            "average_minutes": minutes / len(timed) if timed else None,
            "hourly_rate": hourly_rate,
            "cost": minutes / 60 * hourly_rate,
        },
        "actions": {
            "count": actions.count(),
            "by_status": by_status,
            "rows": [
                [
                    a.action_date.isoformat(),
                    a.finding,
                    a.action,
                    a.owner,
                    a.get_status_display(),
                    a.evidence_url,
                ]
                for a in actions.order_by("action_date")
            ],
        },
    }
    suggestion, reasons = suggest_recommendation(figures)
    figures["suggestion"] = suggestion
    figures["reasons"] = reasons
    return figures


def satisfaction_by_channel(*, start: datetime.date, end: datetime.date) -> list[Cell]:
    return results_by(by="channel", start=start, end=end)


def surveys_with_current_questions() -> list[Survey]:
    """Every survey with its current questions (in order) as `current_questions`."""
    current = Question.objects.filter(is_current=True).order_by("position", "key")
    return list(
        Survey.objects.order_by("name").prefetch_related(
            Prefetch("questions", queryset=current, to_attr="current_questions")
        )
    )


def question_versions(*, survey: Survey, key: str) -> QuerySet[Question]:
    """Every version of one question, newest first."""
    return Question.objects.filter(survey=survey, key=key).order_by("-version")


def customer_opted_out(customer) -> bool:
    return OptOut.objects.filter(customer=customer).exists()


def satisfaction_percent(*, date_from: datetime.date, date_to: datetime.date) -> float | None:
    """Share of responses in the period scoring satisfaction 4 or 5, as a percentage, for
    the performance dashboard; None when fewer than the minimum cell size answered."""
    start, end = _period(date_from, date_to)
    row = Response.objects.filter(
        finished_at__gte=start, finished_at__lt=end, satisfaction__isnull=False
    ).aggregate(answered=Count("pk"), satisfied=Count("pk", filter=Q(satisfaction__gte=4)))
    if row["answered"] < min_cell_size():
        return None
    return 100 * row["satisfied"] / row["answered"]
