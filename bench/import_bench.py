"""Benchmark: a dry run of `crm import-companies` with a 10,000-row file against 20,000 companies.

    .venv/bin/python bench/import_bench.py [--companies 20000] [--rows 10000] [--database-url URL]

Builds the companies in a fresh SQLite database in a temporary folder (or in the
PostgreSQL database given, which is emptied first), writes a CSV whose rows include
about 5% probable duplicates (respelled names, shared domains) and some invalid rows,
runs the dry run in this process, and prints the seconds and the peak memory.
Target: under 15 seconds.
"""
import argparse
import csv
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CITIES_EU = ["Dresden", "Stuttgart", "Leipzig", "Chemnitz", "Munich", "Vantaa", "Espoo", "Tampere", "Karlsruhe",
             "Ulm", "Heilbronn", "Oulu", "Jena", "Freiberg", "Esslingen", "Reutlingen"]
CITIES_CN = {"Jinan": "济南", "Qingdao": "青岛", "Zibo": "淄博", "Weifang": "潍坊", "Yantai": "烟台",
             "Shandong": "山东", "Linyi": "临沂", "Jining": "济宁"}
SYLLABLES = ["hua", "xia", "zhong", "ke", "tian", "rui", "sheng", "tai", "long", "xin", "hai", "feng", "jin", "bao",
             "heng", "yuan", "kang", "da", "li", "an", "guang", "ming", "hong", "qi", "lu", "shan", "bo", "chuang",
             "yi", "de", "fu", "xing", "cheng", "wei", "jia", "rong", "mei", "tong", "run", "hao"]
EU_SOUNDS = ["ber", "man", "sch", "ulz", "hof", "lin", "tek", "vo", "ra", "mik", "nor", "sa", "ko", "len", "dor",
             "fin", "ark", "tel", "vis", "gra", "pel", "wen", "zel", "har", "kal", "mo", "ri", "sun", "ta", "ve"]
INDUSTRIES = ["Laser", "Chip Design", "Chip Packaging", "Optics", "Robotics", "Battery", "Solar", "Sensor",
              "Medical Devices", "Automation", "Software", "Precision Machining", "Materials", "Hydrogen",
              "Machine Vision", "Electronics", "Logistics", "Biotech", "Water Technology", "Textile Machinery",
              "Energy Storage", "Power Electronics", "Measurement", "Additive Manufacturing", "Packaging Machinery"]
CN_INDUSTRIES = {"Laser": "激光", "Chip Design": "芯片设计", "Chip Packaging": "芯片封装", "Optics": "光电",
                 "Robotics": "机器人", "Battery": "电池", "Solar": "光伏", "Sensor": "传感", "Medical Devices": "医疗器械",
                 "Automation": "自动化", "Software": "软件", "Precision Machining": "精密机械", "Materials": "材料",
                 "Hydrogen": "氢能", "Machine Vision": "机器视觉", "Electronics": "电子", "Logistics": "物流",
                 "Biotech": "生物", "Water Technology": "水务", "Textile Machinery": "纺织机械", "Energy Storage": "储能",
                 "Power Electronics": "电力电子", "Measurement": "测控", "Additive Manufacturing": "增材制造",
                 "Packaging Machinery": "包装机械"}
HANZI = dict(zip(SYLLABLES, "华夏中科天瑞盛泰隆新海丰金宝恒远康大力安光明鸿齐鲁山博创易德富兴诚维佳荣美通润浩"))
FREE_MAIL = ["gmail.com", "qq.com", "163.com", "web.de", "outlook.com"]


def company(rng: random.Random, n: int) -> dict:
    chinese = rng.random() < 0.45
    industry = rng.choice(INDUSTRIES)
    if chinese:
        syllables = rng.sample(SYLLABLES, rng.choice((2, 2, 3)))
        name_brand = "".join(syllables).capitalize()
        city = rng.choice(list(CITIES_CN))
        name = f"{city} {name_brand} {industry} Technology Co., Ltd."
        local = (CITIES_CN[city] + "".join(HANZI[s] for s in syllables) + CN_INDUSTRIES[industry]
                 + "科技有限公司")
        domain = f"{name_brand.lower()}-{n}.com.cn"
        country = "CN"
    else:
        name_brand = "".join(rng.sample(EU_SOUNDS, rng.choice((2, 3)))).capitalize()
        city = rng.choice(CITIES_EU)
        form = rng.choice(["GmbH", "AG", "Oy", "GmbH & Co. KG"])
        name = f"{name_brand} {industry} {form}" if rng.random() < 0.6 else f"{city} {name_brand} {industry} {form}"
        local = None
        domain = f"{name_brand.lower()}-{n}.de"
        country = "FI" if form == "Oy" else "DE"
    email = f"info@{domain}" if rng.random() < 0.8 else f"{name_brand.lower()}{n}@{rng.choice(FREE_MAIL)}"
    return {"name": name, "name_local": local, "city": city, "country": country,
            "website": f"https://www.{domain}", "email": email, "phone": f"+49 351 {n:07d}"}


def respell(name: str) -> str:
    """A probable duplicate as people write it: other case, legal form or umlauts."""
    return (name.upper().replace(" GMBH", "").replace(" CO., LTD.", " CO LTD")
            .replace("AE", "Ä").replace("OY", "OYJ"))


def build_database(count: int, rng: random.Random) -> list[dict]:
    import sqlalchemy as sa

    from crm.extensions import db
    from crm.models import Company, Office, Sector, User

    db.drop_all()
    db.create_all()
    office = Office(name="Dresden", timezone="Europe/Berlin")
    db.session.add(office)
    db.session.flush()
    db.session.add(User(email="anna@jadebridge.org", name="Anna", password_hash="x", office_id=office.id))
    db.session.add_all([Sector(name=name) for name in ("Laser", "Optics", "Robotics", "Battery")])
    companies = [company(rng, n) for n in range(count)]
    for start in range(0, count, 2000):
        db.session.execute(sa.insert(Company), [{**c, "office_id": office.id} for c in companies[start:start + 2000]])
    db.session.commit()
    return companies


def write_file(path: Path, existing: list[dict], rows: int, rng: random.Random) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow(["Name", "Name (Chinese)", "City", "Country", "Website", "E-Mail", "Phone", "Sector",
                         "Contact", "Contact e-mail", "Status", "Tags"])
        for n in range(rows):
            roll = rng.random()
            if roll < 0.03:  # the same company, spelled differently
                row = dict(rng.choice(existing))
                row["name"] = respell(row["name"])
            elif roll < 0.05:  # a new name but a known website
                row = company(rng, 1_000_000 + n)
                row["website"] = rng.choice(existing)["website"]
            else:
                row = company(rng, 1_000_000 + n)
            email = row["email"] if roll > 0.01 else "not-an-address"  # about 1% invalid
            writer.writerow([row["name"], row["name_local"] or "", row["city"], row["country"], row["website"],
                             email, row["phone"], rng.choice(["Laser", "Optics", "Robotics", "Battery", "Quantum"]),
                             "Li Wei", f"li.wei{n}@example.cn", rng.choice(["new", "Contacted", "partner"]),
                             "import, 2026"])
            if n % 997 == 0:
                writer.writerow([""] * 12)  # a blank row now and then


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", help="PostgreSQL URL; default a temporary SQLite file")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{folder}/bench.sqlite"
        os.environ.setdefault("SECRET_KEY", "bench-only")
        from crm import create_app
        from crm.extensions import db

        app = create_app("config.Config", {"SQLALCHEMY_DATABASE_URI": url})
        rng = random.Random(args.seed)
        with app.app_context():
            started = time.perf_counter()
            existing = build_database(args.companies, rng)
            print(f"built {args.companies} companies in {time.perf_counter() - started:.1f} s")
            path = Path(folder) / "companies.csv"
            write_file(path, existing, args.rows, rng)
            print(f"wrote {args.rows} rows ({path.stat().st_size / 1e6:.1f} MB)")
            db.session.remove()

        memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        runner = app.test_cli_runner()
        started = time.perf_counter()
        result = runner.invoke(args=["import-companies", str(path), "--dry-run", "--json"])
        seconds = time.perf_counter() - started
        memory_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        if result.exit_code not in (0, 1):
            print(result.output, file=sys.stderr)
            raise SystemExit(f"the dry run failed with exit code {result.exit_code}")
        import json

        report = json.loads(result.stdout)
        print(f"dry run: {report['rows']} rows, {len(report['duplicates'])} probable duplicates, "
              f"{len(report['errors'])} errors, {report['created']} would be created")
        print(f"seconds: {seconds:.2f} (target < 15)")
        print(f"peak memory of the process: {memory_after / 1024:.0f} MiB "
              f"(before the dry run: {memory_before / 1024:.0f} MiB)")
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
