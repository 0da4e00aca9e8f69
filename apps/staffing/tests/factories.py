from decimal import Decimal

import factory

from apps.accounts.tests.factories import UserFactory
from apps.staffing.models import SavingsScenario


def scenario_fields(**overrides) -> dict:
    fields = {
        "name": "Three per cent a year",
        "first_year": 2027,
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
        "saving_unit": "fte",
        "saving_year_1": Decimal("1"),
        "saving_year_2": Decimal("3"),
        "saving_year_3": Decimal("4"),
        "shift_year_1": Decimal("0"),
        "shift_year_2": Decimal("0"),
        "shift_year_3": Decimal("0"),
    }
    fields.update(overrides)
    return fields


class SavingsScenarioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SavingsScenario

    created_by = factory.SubFactory(UserFactory)

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        return {**scenario_fields(), **kwargs}
