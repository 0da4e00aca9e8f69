"""Seeded random allocation of visits. A pure function of the programme's targets,
scenarios, panel and sites and the seed: the same seed always gives the same plan."""

import datetime
import random
from dataclasses import dataclass

from apps.accounts.models import Team

from .models import Channel, Programme, Scenario, Shopper, Target, TimeOfDay

METHOD = (
    "For each target in turn (ordered by channel, then site), a random number generator "
    "started from the seed draws, for each visit wanted: a scenario of that channel, a "
    "weekday in the programme's period, a time of day, a team at the site (if it has any) and "
    "a shopper from the active, consenting panel, leaving out officers whose department owns "
    "the scenario's service and preferring shoppers with the fewest visits so far. Everything "
    "is drawn from lists in a fixed order, so repeating the run with the same seed gives the "
    "same visits."
)


@dataclass(frozen=True)
class PlannedVisit:
    scenario_id: int
    shopper_id: int
    channel: str
    site_id: int | None
    team_id: int | None
    day: datetime.date
    time_of_day: str


def weekdays(start: datetime.date, end: datetime.date) -> list[datetime.date]:
    days = []
    day = start
    while day <= end:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days or [start]


def eligible(shopper: Shopper, scenario: Scenario) -> bool:
    """An officer never shops a service of their own department."""
    if shopper.kind == Shopper.Kind.OFFICER:
        return shopper.department_id != scenario.service.department_id
    return True


def plan(programme: Programme, seed: int) -> list[PlannedVisit]:
    """The visits a run with this seed allocates (nothing is written)."""
    rng = random.Random(seed)
    targets = list(Target.objects.filter(programme=programme).order_by("channel", "site_id", "pk"))
    scenarios_by_channel: dict[str, list[Scenario]] = {}
    for scenario in (
        Scenario.objects.filter(programme=programme).select_related("service").order_by("pk")
    ):
        scenarios_by_channel.setdefault(scenario.channel, []).append(scenario)
    shoppers = list(
        Shopper.objects.filter(is_active=True, consent_given_on__isnull=False).order_by("pk")
    )
    teams_by_site: dict[int, list[int]] = {}
    for team_id, site_id in Team.objects.order_by("pk").values_list("pk", "site_id"):
        teams_by_site.setdefault(site_id, []).append(team_id)
    days = weekdays(programme.start, programme.end)
    times = [t.value for t in TimeOfDay]
    load = {s.pk: 0 for s in shoppers}
    planned = []
    for target in targets:
        scenarios = scenarios_by_channel.get(target.channel, [])
        if not scenarios:
            continue
        for _ in range(target.visits):
            scenario = rng.choice(scenarios)
            day = rng.choice(days)
            time_of_day = rng.choice(times)
            teams = teams_by_site.get(target.site_id, []) if target.site_id else []
            team_id = rng.choice(teams) if teams else None
            candidates = [s for s in shoppers if eligible(s, scenario)]
            if not candidates:
                continue
            fewest = min(load[s.pk] for s in candidates)
            shopper = rng.choice([s for s in candidates if load[s.pk] == fewest])
            load[shopper.pk] += 1
            planned.append(
                PlannedVisit(
                    scenario_id=scenario.pk,
                    shopper_id=shopper.pk,
                    channel=target.channel,
                    site_id=target.site_id,
                    team_id=team_id,
                    day=day,
                    time_of_day=time_of_day,
                )
            )
    return planned


CHANNELS_WITH_SITES = {Channel.FACE_TO_FACE}
