"""A task for the worker-killed fault test, loaded by the worker it starts (-I).

It shows the idempotent design every firstpoint task follows: do nothing if the work is
already done, do the work, then record that it is done in the same step (here an exclusive
file create stands in for a row updated under select_for_update).
"""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(name="production_tests.slow_effect")
def slow_effect(*, workdir: str, key: str, seconds: float = 3.0) -> str:
    folder = Path(workdir)
    done = folder / f"{key}.done"
    with open(folder / "attempts.log", "a") as log:
        log.write(f"{os.getpid()}\n")
    if done.exists():
        return "already done"
    time.sleep(seconds)  # the worker is killed in here on the first attempt
    try:
        with open(done, "x") as marker:  # exclusive: only one attempt can record the effect
            marker.write("done\n")
    except FileExistsError:
        return "already done"
    with open(folder / "effects.log", "a") as log:
        log.write(f"{key}\n")
    return "done"
