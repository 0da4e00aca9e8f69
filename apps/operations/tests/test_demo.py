import random

import pytest

from apps.accounts import demo as accounts_demo
from apps.catalogue import demo as catalogue_demo
from apps.core.reporting import sections
from apps.customers.tests.factories import CustomerFactory
from apps.operations import demo
from apps.operations.models import (
    DowntimeIncident,
    PublicationVersion,
    RemovalTask,
    SafetyWarning,
    SecurityAssessment,
)

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_feeds_the_committee_sections():
    accounts_demo.seed(random.Random(1))
    catalogue_demo.seed(random.Random(1))
    CustomerFactory.create_batch(3)
    assert demo.seed(random.Random(5), scale=1) > 30
    assert DowntimeIncident.objects.count() == 10
    assert PublicationVersion.objects.filter(withdrawn_at__isnull=False).count() == 3
    assert RemovalTask.objects.exists()
    assert SecurityAssessment.objects.exists()
    assert SafetyWarning.objects.count() == 3
    assert demo.seed(random.Random(5), scale=1) == 0

    import datetime

    end = datetime.date.today()
    start = end - datetime.timedelta(days=365)
    found = {s.key: s for s in sections()}
    assert found["downtime"].order == 20 and found["downtime"].meetings >= {"liaison"}
    assert found["publications"].meetings == {"working_group", "scrutiny"}
    for key in ("downtime", "publications", "security"):
        content = found[key].build(start, end)
        assert content.tables and content.as_json()["tables"][0]["rows"] is not None
    downtime = found["downtime"].build(start, end)
    assert len(downtime.tables[0].rows) == 10
