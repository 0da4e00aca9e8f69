"""Demo staffing: a roster for this week and two saved savings scenarios."""

import datetime
from decimal import Decimal

from django.utils.timezone import localdate

from apps.accounts.demo import demo_email
from apps.accounts.models import User

from .models import RosterImport, SavingsScenario
from .scenarios import next_financial_year
from .services import roster_import, savings_scenario_create

# (first day, last day, start, end, advisors) for Monday (0) to Saturday (5).
PATTERN = [
    (0, 4, "08:00", "16:00", 9),
    (0, 4, "09:00", "17:00", 12),
    (0, 4, "10:00", "18:00", 7),
    (5, 5, "09:00", "13:00", 5),
]
NAMED = ["advisor", "team.manager"]


def roster_csv(monday: datetime.date, rng) -> bytes:
    lines = ["date,start time,end time,advisor,queue"]
    for first, last, start, end, advisors in PATTERN:
        for offset in range(first, last + 1):
            day = monday + datetime.timedelta(days=offset)
            count = max(1, advisors + rng.randint(-2, 1))
            lines.append(f"{day.isoformat()},{start},{end},{count},")
    for offset in range(5):
        day = monday + datetime.timedelta(days=offset)
        for local in NAMED[:1]:
            lines.append(f"{day.isoformat()},08:30,16:30,{demo_email(local)},")
    return ("\n".join(lines) + "\n").encode()


SCENARIOS = [
    {
        "name": "Medium-term financial plan: £300,000 over three years",
        "description": "The savings in the medium-term financial plan, with modest channel shift.",
        "saving_unit": "money",
        "saving_year_1": Decimal("100000"),
        "saving_year_2": Decimal("100000"),
        "saving_year_3": Decimal("100000"),
        "shift_year_1": Decimal("5"),
        "shift_year_2": Decimal("5"),
        "shift_year_3": Decimal("5"),
    },
    {
        "name": "Digital first: 6 posts and 12% channel shift a year",
        "description": "Fewer posts, with Council Tax and waste calls moving to online forms.",
        "saving_unit": "fte",
        "saving_year_1": Decimal("3"),
        "saving_year_2": Decimal("3"),
        "saving_year_3": Decimal("0"),
        "shift_year_1": Decimal("12"),
        "shift_year_2": Decimal("12"),
        "shift_year_3": Decimal("12"),
    },
]

BASE = {
    "calls_per_year": 520_000,
    "aht_seconds": 300,
    "current_fte": Decimal("43"),
    "shrinkage_percent": Decimal("32"),
    "opening_hours_per_week": Decimal("47.5"),
    "fte_hours_per_week": Decimal("37"),
    "patience_seconds": 150,
    "cost_per_fte": Decimal("31500"),
    "target_service_level_percent": Decimal("80"),
    "target_answer_seconds": 20,
    "target_asa_seconds": 30,
    "target_abandonment_percent": Decimal("5"),
}


def seed(rng, *, scale: int = 1) -> int:
    head = (
        User.objects.filter(email=demo_email("head")).first() or User.objects.order_by("pk").first()
    )
    if head is None:
        return 0
    today = localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    filename = f"demo-roster-{monday.isoformat()}.csv"
    count = 0
    if not RosterImport.objects.filter(filename=filename).exists():
        record = roster_import(imported_by=head, filename=filename, content=roster_csv(monday, rng))
        count += record.shift_count
    for fields in SCENARIOS:
        if not SavingsScenario.objects.filter(name=fields["name"]).exists():
            savings_scenario_create(
                created_by=head, first_year=next_financial_year(today), **BASE, **fields
            )
            count += 1
    return count
