"""Hypothesis budgets for the hostile tests: a few seconds per property in `make test`, many
more examples under `make fuzz` (KG_FUZZ=1 or HYPOTHESIS_PROFILE=fuzz)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("KG_FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=_SLOW_OK,
    print_blob=True,  # a crash prints the line that replays it
)

FUZZING = os.environ.get("KG_FUZZ") == "1" or os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"
# Applied per test rather than loaded globally, so the rest of the suite keeps its own settings.
budget = settings.get_profile("fuzz" if FUZZING else "ci")
