"""A large office for benchmarks and load tests: `crm seed-demo --scale N` adds, on top of the demo office,
about N × (1,000 companies, 3,000 people, 20,000 contacts, 2,500 follow-ups, 15 fairs with 1,500 meetings,
25 delegations), so N=20 looks like an office after many years with many staff.

It reuses the demo office's vocabulary (crm.services.demo_office: topics, names, notes, next steps) and makes
plain rows instead of model objects: `ScaleOffice.rows()` yields (table, row) pairs with the ids already set,
parents before children, so the loader can insert them in large executemany chunks without the unit of work.
One company ("the archive case") gets 100 × N contacts, the long history a company page must still show quickly.
Pure Python, no Flask, no session; the same seed gives the same rows."""
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from crm.models import (
    CompanyKind,
    CompanySize,
    ContactSource,
    DelegationStatus,
    Direction,
    EventKind,
    MeetingOutcome,
    PipelineStatus,
    Role,
    Side,
    VisitKind,
)
from crm.services import demo_office as demo

FIRST_DAY = date(2013, 4, 1)
# Syllables of made-up brands, so that 20,000 companies get 20,000 different names.
CN_SYLLABLES = [("华", "Hua"), ("中", "Zhong"), ("鲁", "Lu"), ("金", "Jin"), ("明", "Ming"), ("瑞", "Rui"),
                ("泉", "Quan"), ("齐", "Qi"), ("海", "Hai"), ("博", "Bo"), ("天", "Tian"), ("恒", "Heng"),
                ("东", "Dong"), ("汇", "Hui"), ("信", "Xin"), ("泰", "Tai"), ("达", "Da"), ("盛", "Sheng"),
                ("宏", "Hong"), ("科", "Ke"), ("源", "Yuan"), ("通", "Tong"), ("安", "An"), ("德", "De")]
EU_SYLLABLES = ["Al", "Ber", "Cor", "Del", "El", "Fen", "Gra", "Hel", "Il", "Kar", "Lin", "Mar", "Nor", "Or",
                "Pel", "Ros", "Sal", "Tor", "Val", "Wen", "Ark", "Bri", "Sol", "Ven"]


@dataclass(frozen=True)
class Desk:
    """A login that logs contacts: its id and its office's id."""

    user_id: int
    office_id: int


class ScaleOffice:
    """Rows of a large office. `offices` maps the demo office names to their ids, `desks` each office's id
    to the logins that work there, `sectors` and `tags` names to ids, `next_ids` each table to its first
    free id."""

    def __init__(self, rng: random.Random, today: date, scale: float, offices: dict[str, int],
                 desks: dict[int, list[Desk]], sectors: dict[str, int], tags: dict[str, int],
                 next_ids: dict[str, int]):
        self.rng, self.today, self.scale = rng, today, scale
        self.offices, self.desks, self.sectors, self.tags = offices, desks, sectors, tags
        self.ids = dict(next_ids)
        self.names: set[str] = set()
        self.stamp = datetime.combine(today, time(0))

    def new_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table] - 1

    def count(self, per_unit: float) -> int:
        return max(1, round(per_unit * self.scale))

    def rows(self) -> Iterator[tuple[str, dict]]:
        companies: list[tuple[int, str, list[int]]] = []  # (company id, country, its people's ids)
        for index in range(self.count(1000)):
            company_id, country, name, people = yield from self.company(index)
            companies.append((company_id, country, [person_id for person_id, _name in people]))
            contacts = self.count(100) if index == 0 else self.rng.randint(1, 39)
            yield from self.contacts(company_id, country, name, people, contacts)
        yield from self.events(companies)
        yield from self.delegations(companies)

    # Companies and their people

    def company(self, index: int):
        rng = self.rng
        country = rng.choices(["CN", "DE", "FI"], weights=[45, 40, 15])[0]
        topic = rng.choice(list(demo.TOPICS))
        name, local = self.company_name(country, topic)
        sector, english, german, chinese = demo.TOPICS[topic]
        offers, seeks = {"CN": chinese, "DE": german, "FI": english}[country]
        if country == "CN":
            city, office = "Jinan", "Jinan headquarters"
        elif country == "DE":
            city = rng.choices(list(demo.GERMAN_CITIES), weights=list(demo.GERMAN_CITIES.values()))[0]
            office = "Stuttgart" if city in ("Stuttgart", "Munich") else "Dresden"
        else:
            city = rng.choices(list(demo.FINNISH_CITIES), weights=list(demo.FINNISH_CITIES.values()))[0]
            office = "Vantaa"
        office_id = self.offices[office]
        domain = f"{demo.slug(name)}.{country.lower()}"
        first_contact = FIRST_DAY + timedelta(days=rng.randint(0, (self.today - FIRST_DAY).days - 30))
        company_id = self.new_id("companies")
        created = datetime.combine(first_contact, time(9))
        yield "companies", {
            "id": company_id, "name": name, "name_local": local, "kind": CompanyKind.ENTERPRISE, "city": city,
            "country": country, "size": rng.choice(list(CompanySize)), "website": f"https://www.{domain}",
            "email": f"info@{domain}", "phone": None, "description": f"{sector} company from {city}.",
            "offers": offers, "seeks": seeks, "cooperation_interests": None,
            "status": rng.choices(list(PipelineStatus), weights=[10, 25, 20, 10, 10, 15, 10])[0],
            "source": rng.choice(list(ContactSource)), "owner_id": rng.choice(self.desks[office_id]).user_id,
            "office_id": office_id, "created_at": created, "updated_at": created,
        }
        yield "company_sectors", {"company_id": company_id, "sector_id": self.sectors[sector]}
        for tag_id in self.tags.values():
            if rng.random() < 0.05:
                yield "company_tags", {"company_id": company_id, "tag_id": tag_id}
        people = []
        for position in range(rng.randint(1, 5)):
            person = demo.new_person(rng, country, domain)
            person_id = self.new_id("people")
            people.append((person_id, person.name))
            yield "people", {
                "id": person_id, "name": person.name, "name_local": person.name_local, "email": person.email,
                "phone": person.phone, "wechat_id": person.wechat_id, "linkedin": None,
                "preferred_language": person.preferred_language, "notes": None,
                "created_at": created, "updated_at": created,
            }
            yield "affiliations", {
                "id": self.new_id("affiliations"), "person_id": person_id, "company_id": company_id,
                "title": rng.choice(demo.TITLES[country]), "is_primary": position == 0,
                "started_on": first_contact if position == 0 else None,
                # Every fifth contact person has moved on.
                "ended_on": first_contact + timedelta(days=400) if position and rng.random() < 0.2 else None,
            }
        return company_id, country, name, people

    def company_name(self, country: str, topic: str) -> tuple[str, str | None]:
        """A name nobody else has: a made-up brand, the topic and a legal form, in the country's style."""
        rng = self.rng
        for _attempt in range(50):
            if country == "CN":
                (zh1, en1), (zh2, en2) = rng.sample(CN_SYLLABLES, 2)
                word_zh, word_en = demo.CHINESE_TOPIC_WORDS[topic]
                suffix_zh, suffix_en = rng.choice(demo.CHINESE_SUFFIXES)
                name, local = f"Jinan {en1}{en2.lower()} {word_en} {suffix_en}", f"济南{zh1}{zh2}{word_zh}{suffix_zh}"
            elif country == "DE":
                brand = "".join(rng.sample(EU_SYLLABLES, 2)).capitalize()
                name, local = f"{brand} {demo.GERMAN_TOPIC_WORDS[topic]} {rng.choice(demo.GERMAN_LEGAL)}", None
            else:
                brand = "".join(rng.sample(EU_SYLLABLES, 2)).capitalize()
                name, local = f"{brand} {demo.FINNISH_TOPIC_WORDS[topic]} Oy", None
            if name not in self.names:
                break
        else:  # the brands of this topic are used up: number the branch
            name = f"{name} {len(self.names)}"
        self.names.add(name)
        return name, local

    # Contacts and follow-ups

    def contacts(self, company_id: int, country: str, company: str, people: list[tuple[int, str]], count: int):
        """`count` contacts spread over the years; every eighth leaves a follow-up, most of them done long
        ago, the recent ones open (some overdue, some due this week or later)."""
        rng = self.rng
        desks = self.desks_for(country)
        start = (self.today - FIRST_DAY).days
        for _ in range(count):
            desk = rng.choice(desks)
            day = self.today - timedelta(days=rng.randint(0, start))
            occurred = datetime.combine(day, time(rng.randint(6, 16), rng.choice((0, 15, 30, 45))))
            channel = rng.choice(demo.CHANNELS_BY_COUNTRY[country])
            interaction_id = self.new_id("interactions")
            person_id, person_name = rng.choice(people)
            yield "interactions", {
                "id": interaction_id, "company_id": company_id, "author_id": desk.user_id,
                "office_id": desk.office_id, "occurred_at": occurred, "channel": channel,
                "summary": rng.choice(demo.NOTES[channel]).format(
                    person=person_name, company=company, offers="their products", seeks="European partners"),
                "outcome": rng.choice(demo.OUTCOMES), "created_at": occurred, "updated_at": occurred,
            }
            yield "interaction_people", {"interaction_id": interaction_id, "person_id": person_id}
            if rng.random() < 0.125:
                yield "follow_ups", self.follow_up(company_id, person_id, interaction_id, desk, day)

    def desks_for(self, country: str) -> list[Desk]:
        office = {"CN": "Jinan headquarters", "DE": self.rng.choice(["Dresden", "Stuttgart"]), "FI": "Vantaa"}
        return self.desks[self.offices[office[country]]]

    def follow_up(self, company_id: int, person_id: int, interaction_id: int, desk: Desk, day: date) -> dict:
        rng = self.rng
        recent = (self.today - day).days < 60
        due = day + timedelta(days=rng.randint(3, 21)) if not recent else self.today + timedelta(
            days=rng.randint(-30, 30))
        done = not recent and rng.random() < 0.97
        created = datetime.combine(day, time(12))
        return {
            "id": self.new_id("follow_ups"), "company_id": company_id, "person_id": person_id,
            "interaction_id": interaction_id, "next_step": rng.choice(demo.NEXT_STEPS), "due_on": due,
            "assignee_id": desk.user_id, "office_id": desk.office_id, "created_by_id": desk.user_id,
            "done_at": datetime.combine(due, time(15)) if done else None,
            "done_by_id": desk.user_id if done else None, "outcome_note": None,
            "created_at": created, "updated_at": created,
        }

    # Fairs and delegations

    def events(self, companies: list[tuple[int, str, list[int]]]):
        """Fairs of 10 visiting and 10 host companies; everyone meets everyone on the other side once,
        in 10 slots at 10 tables: 100 meetings per fair."""
        rng = self.rng
        chinese = [c for c in companies if c[1] == "CN"]
        european = [c for c in companies if c[1] != "CN"]
        for number in range(self.count(15)):
            day = FIRST_DAY + timedelta(days=rng.randint(0, (self.today - FIRST_DAY).days + 180))
            office = rng.choice(["Dresden", "Stuttgart", "Vantaa"])
            event_id = self.new_id("events")
            stamp = datetime.combine(day, time(8))
            yield "events", {
                "id": event_id, "name": f"Jinan – {office} Matchmaking Fair {day.year} #{number + 1}",
                "kind": EventKind.FAIR, "city": office, "venue": "Congress centre", "starts_on": day,
                "ends_on": day, "office_id": self.offices[office], "description": None, "slot_minutes": 20,
                "tables": 10, "agenda_final_at": None, "created_at": stamp, "updated_at": stamp,
            }
            yield "meeting_days", {"id": self.new_id("meeting_days"), "event_id": event_id, "day": day,
                                   "starts_at": time(9), "ends_at": time(13), "breaks": "11:00-11:20"}
            sides = {Side.A: rng.sample(chinese, 10), Side.B: rng.sample(european, 10)}
            participants = {}
            for side, members in sides.items():
                participants[side] = []
                for company_id, _country, people in members:
                    participant_id = self.new_id("participants")
                    participants[side].append(participant_id)
                    yield "participants", {
                        "id": participant_id, "event_id": event_id, "company_id": company_id, "side": side,
                        "available_slots": None, "max_meetings": None, "offers": None, "seeks": None,
                        "notes": None, "created_at": stamp, "updated_at": stamp,
                    }
                    yield "participant_people", {"participant_id": participant_id, "person_id": people[0]}
            held = day < self.today
            for slot in range(10):
                for table in range(10):
                    outcome = rng.choice(list(MeetingOutcome)) if held else None
                    yield "meetings", {
                        "id": self.new_id("meetings"), "event_id": event_id, "request_id": None,
                        "a_id": participants[Side.A][table], "b_id": participants[Side.B][(table + slot) % 10],
                        "slot": slot, "table_number": table + 1, "locked": False, "placed_at": stamp,
                        "outcome": outcome, "outcome_note": None,
                        "outcome_recorded_at": stamp + timedelta(days=1) if held else None,
                        "reviewed_outcome": None, "review_note": None, "reviewed_at": None,
                        "created_at": stamp, "updated_at": stamp,
                    }

    def delegations(self, companies: list[tuple[int, str, list[int]]]):
        rng = self.rng
        chinese = [c for c in companies if c[1] == "CN"]
        european = [c for c in companies if c[1] != "CN"]
        for number in range(self.count(25)):
            starts = FIRST_DAY + timedelta(days=rng.randint(0, (self.today - FIRST_DAY).days + 180))
            direction = rng.choice(list(Direction))
            travellers, hosts = (chinese, european) if direction is Direction.OUTBOUND else (european, chinese)
            office = rng.choice(["Dresden", "Stuttgart", "Vantaa"])
            delegation_id = self.new_id("delegations")
            stamp = datetime.combine(starts, time(8))
            yield "delegations", {
                "id": delegation_id, "name": f"Delegation {starts.year} #{number + 1}", "direction": direction,
                "host_cities": office, "starts_on": starts, "ends_on": starts + timedelta(days=5),
                "purpose": "Company visits and site selection.", "leading_institution_id": None,
                "head_id": None, "office_id": self.offices[office],
                "responsible_id": rng.choice(self.desks[self.offices[office]]).user_id,
                "status": DelegationStatus.DONE if starts < self.today else DelegationStatus.CONFIRMED,
                "created_at": stamp, "updated_at": stamp,
            }
            members = []
            for company_id, _country, people in rng.sample(travellers, rng.randint(3, 8)):
                member_id = self.new_id("delegation_members")
                members.append(member_id)
                yield "delegation_members", {"id": member_id, "delegation_id": delegation_id,
                                             "company_id": company_id, "interests": None}
                yield "delegation_member_people", {"member_id": member_id, "person_id": people[0]}
            for day in range(2):
                visit_id = self.new_id("visits")
                begins = datetime.combine(starts + timedelta(days=day), time(8))
                yield "visits", {
                    "id": visit_id, "delegation_id": delegation_id, "kind": VisitKind.VISIT, "starts_at": begins,
                    "ends_at": begins + timedelta(hours=2), "place": office,
                    "host_company_id": rng.choice(hosts)[0], "interpreter": None, "notes": None,
                    "outcome": None, "outcome_note": None, "outcome_recorded_at": None,
                    "created_at": stamp, "updated_at": stamp,
                }
                for member_id in members:
                    yield "visit_members", {"visit_id": visit_id, "member_id": member_id}


def extra_staff(scale: float, office_ids: dict[str, int], password_hash: str, first_id: int) -> list[dict]:
    """ceil(N) more staff per office (staff1.dresden@scale.jadebridge.eu ...), sharing the demo password."""
    rows = []
    for office, office_id in office_ids.items():
        key = office.split()[0].lower()
        for number in range(1, math.ceil(scale) + 1):
            rows.append({"id": first_id + len(rows), "email": f"staff{number}.{key}@scale.jadebridge.eu",
                         "name": f"Staff {number} {office}", "password_hash": password_hash, "role": Role.STAFF,
                         "office_id": office_id, "active": True})
    return rows
