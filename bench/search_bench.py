"""Benchmark: the header's search over 20,000 companies and 60,000 people.

    .venv/bin/python bench/search_bench.py [--companies 20000] [--people 60000] [--rounds 20]
                                           [--database-url URL]

Bulk-inserts the records into a fresh SQLite database in a temporary folder (or into the
PostgreSQL database given, which is emptied first), builds the index with the code behind
`crm search-reindex`, then times what one keystroke in the box costs: the grouped, ranked
query and the loading of the five best records of each type (`crm.search.views.find`).
Prints p50 and p95 over all queries and the slowest query's p95, as wall-clock time and as the CPU
time of this process (on SQLite the database works inside this process, so on a busy machine the CPU
time is what the search would take on an idle one), and the load average. Target on SQLite: p95 < 30 ms.
"""
import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from import_bench import HANZI, company  # noqa: E402  (the same companies as the import benchmark)

SURNAMES_CN = {"王": "Wang", "李": "Li", "张": "Zhang", "刘": "Liu", "陈": "Chen", "杨": "Yang", "赵": "Zhao",
               "黄": "Huang", "周": "Zhou", "吴": "Wu", "徐": "Xu", "孙": "Sun", "马": "Ma", "朱": "Zhu"}
SURNAMES_EU = ["Müller", "Schröder", "Weiß", "Jäger", "Köhler", "Schmidt", "Weber", "Fischer", "Mäkinen",
               "Hämäläinen", "Järvinen", "Virtanen", "Korhonen", "Bauer", "Groß", "Krüger", "Lehtonen"]
GIVEN_EU = ["Anna", "Jörg", "Katrin", "Jürgen", "Sören", "Päivi", "Jussi", "Aino", "Matthias", "Björn", "Sanna"]
PHONE_FORMATS = ["+86 531 {a} {b}", "0531-{a}{b}", "(0351) {a} {b}", "+49 351 {a}-{b}", "040 {a} {b}",
                 "+358 40 {a}{b}", "138 {a} {b}"]

# What people type: Chinese fragments, pinyin with and without tones, umlauts any way,
# domains, phone numbers, short prefixes and broad words.
QUERIES = [
    "济南", "激光", "华夏", "科技有限公司", "王", "李伟", "jinan", "ji nan", "Jǐnán", "huaxia", "hua xia",
    "Muller", "Mueller", "Müller", "Weisseritz", "weiss", "Makinen", "Hämäläinen", "schroeder",
    "laser", "chip design", "robotics oy", "gmbh", "technology co", "dresden", "vantaa",
    "-1234.de", "com.cn", "qq.com", "0531 8888", "+86 531 8888 1234", "138 0013",
    "li", "wa", "zh", "jo", "katrin weber", "wang wei", "zhang", "xy", "zzqq",
]


def person(rng: random.Random, n: int, company_ids: int) -> dict:
    if rng.random() < 0.5:
        surname = rng.choice(list(SURNAMES_CN))
        given = rng.sample(list(HANZI), rng.choice((1, 2)))
        name = f"{SURNAMES_CN[surname]} {''.join(given).capitalize()}"
        local = surname + "".join(HANZI[s] for s in given)
        domain = rng.choice(["qq.com", "163.com", f"firm{n % company_ids}.com.cn"])
    else:
        name, local = f"{rng.choice(GIVEN_EU)} {rng.choice(SURNAMES_EU)}", None
        domain = rng.choice(["web.de", "gmail.com", f"firm{n % company_ids}.de"])
    phone = rng.choice(PHONE_FORMATS).format(a=f"{rng.randrange(10000):04d}", b=f"{rng.randrange(10000):04d}")
    return {"name": name, "name_local": local, "email": f"p{n}@{domain}", "phone": phone}


def build_database(companies: int, people: int, rng: random.Random) -> None:
    import sqlalchemy as sa

    from crm.extensions import db
    from crm.models import Company, Person

    db.drop_all()
    db.create_all()
    rows = [company(rng, n) for n in range(companies)]
    for start in range(0, companies, 2000):
        db.session.execute(sa.insert(Company), rows[start:start + 2000])
    rows = [person(rng, n, companies) for n in range(people)]
    for start in range(0, people, 2000):
        db.session.execute(sa.insert(Person), rows[start:start + 2000])
    db.session.commit()


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--people", type=int, default=60_000)
    parser.add_argument("--rounds", type=int, default=20, help="times each query is run")
    parser.add_argument("--database-url", help="PostgreSQL URL; default a temporary SQLite file")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        os.environ.setdefault("SECRET_KEY", "bench-only")
        from crm import create_app
        from crm.extensions import db
        from crm.search.index import reindex
        from crm.search.views import SUGGESTIONS_PER_KIND, find

        app = create_app("config.Config", {"SQLALCHEMY_DATABASE_URI": url})
        with app.app_context():
            print(f"database: {db.engine.dialect.name}")
            started = time.perf_counter()
            build_database(args.companies, args.people, random.Random(args.seed))
            print(f"inserted {args.companies} companies and {args.people} people in "
                  f"{time.perf_counter() - started:.1f} s")
            started = time.perf_counter()
            counts = reindex(db.session)
            db.session.commit()
            print(f"indexed {sum(counts.values())} records in {time.perf_counter() - started:.1f} s")

            for q in QUERIES:  # warm the caches once
                find(q, SUGGESTIONS_PER_KIND)
            timings: dict[str, list[float]] = {q: [] for q in QUERIES}
            cpu: dict[str, list[float]] = {q: [] for q in QUERIES}
            matches = {}
            print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
            for _ in range(args.rounds):
                for q in QUERIES:
                    started, started_cpu = time.perf_counter(), time.process_time()
                    groups = find(q, SUGGESTIONS_PER_KIND)
                    timings[q].append((time.perf_counter() - started) * 1000)
                    cpu[q].append((time.process_time() - started_cpu) * 1000)
                    matches[q] = sum(group.total for group in groups or [])
                    db.session.expunge_all()
            print(f"load average after: {os.getloadavg()[0]:.1f}")
            print(f"{len(QUERIES) * args.rounds} searches, {len(QUERIES)} queries x {args.rounds} rounds "
                  "(target on SQLite: p95 < 30 ms)")
            for label, figures in (("wall-clock", timings), ("CPU of this process", cpu)):
                every = [ms for values in figures.values() for ms in values]
                print(f"{label:20} p50 {statistics.median(every):6.1f} ms   p95 {percentile(every, 0.95):6.1f} ms   "
                      f"max {max(every):6.1f} ms")
            print("slowest queries (wall-clock p95 ms, CPU p95 ms, matches up to 101 per kind):")
            worst = sorted(QUERIES, key=lambda q: percentile(timings[q], 0.95), reverse=True)[:6]
            for q in worst:
                print(f"  {q!r:24} {percentile(timings[q], 0.95):6.1f} {percentile(cpu[q], 0.95):6.1f} {matches[q]:7d}")
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
