"""gunicorn with 4 workers and several client processes writing at once (bench/concurrency.py),
for a few seconds on the suite's database kind: nothing acknowledged is lost, nothing torn,
no 5xx, and `crm check` passes afterwards. `-m "not concurrency"` leaves it out."""
import pytest

from bench.concurrency import report, run

SECONDS, CLIENTS, WORKERS = 4, 4, 4


@pytest.mark.concurrency
def test_concurrent_writers_lose_nothing_and_get_no_server_errors(scratch_database, capsys):
    url = scratch_database("concurrency")
    counts, problems = run(url, SECONDS, CLIENTS, WORKERS)
    with capsys.disabled():
        print("\n" + report(counts, problems, SECONDS, CLIENTS, WORKERS, url.split(":")[0]))
    assert problems == []
    assert counts[("interaction", "acknowledged")] > 0 and counts[("edit", "acknowledged")] > 0
