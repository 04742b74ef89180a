"""Data protection per person: consent, do not contact, the data export, erasure and the retention review."""
import csv
import io
import json
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Consent, FollowUp, Inquiry, Interaction, Person, utcnow
from tests.delegations.factories import DelegationFactory, MemberFactory
from tests.events.factories import ParticipantFactory
from tests.factories import AffiliationFactory, CompanyFactory, FollowUpFactory, InteractionFactory, PersonFactory
from tests.inquiries.conftest import InquiryFactory


def person_count() -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(Person))


# --- consent and do not contact on the form ---

def test_consent_with_its_date_and_source_and_do_not_contact_are_saved(logged_in):
    response = logged_in.post("/people/new", data={
        "name": "Katrin Weber", "consent": "given", "consent_on": "2026-05-03",
        "consent_source": "Signed form at the Hannover fair", "do_not_contact": "y",
    })
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert (person.consent, person.consent_on, person.consent_source, person.do_not_contact) == (
        Consent.GIVEN, date(2026, 5, 3), "Signed form at the Hannover fair", True)


def test_a_new_person_has_unknown_consent_and_may_be_contacted(logged_in):
    logged_in.post("/people/new", data={"name": "Katrin Weber"})
    person = db.session.scalar(sa.select(Person))
    assert (person.consent, person.consent_on, person.do_not_contact) == (Consent.UNKNOWN, None, False)


@pytest.mark.parametrize("fields, message", [
    ({"consent": "given", "consent_source": "e-mail"}, "Give the date the consent was given or refused."),
    ({"consent": "refused", "consent_on": "2026-05-03"}, "Say how the consent was given or refused."),
    ({"consent": "given", "consent_on": "2999-01-01", "consent_source": "e-mail"},
     "The consent date cannot be in the future."),
    ({"consent": "maybe"}, "Not a valid choice."),
])
def test_given_or_refused_consent_needs_a_past_date_and_a_source(logged_in, fields, message):
    response = logged_in.post("/people/new", data={"name": "Katrin Weber", **fields})
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert person_count() == 0


def test_unknown_consent_drops_a_date_and_source(logged_in):
    person = PersonFactory(consent=Consent.GIVEN, consent_on=date(2026, 1, 5), consent_source="call")
    logged_in.post(f"/people/{person.id}/edit", data={
        "name": person.name, "consent": "unknown", "consent_on": "2026-01-05", "consent_source": "call",
    })
    db.session.refresh(person)
    assert (person.consent, person.consent_on, person.consent_source) == (Consent.UNKNOWN, None, None)


def test_the_person_page_shows_consent_and_the_do_not_contact_flag(logged_in):
    person = PersonFactory(consent=Consent.REFUSED, consent_on=date(2026, 3, 1), consent_source="Phone call",
                           do_not_contact=True)
    text = logged_in.get(f"/people/{person.id}").get_data(as_text=True)
    assert "Refused" in text and "Mar 1, 2026" in text and "Phone call" in text and "do not contact" in text


def test_people_exports_leave_out_do_not_contact_people(logged_in):
    PersonFactory(name="Reachable Person")
    PersonFactory(name="Quiet Person", do_not_contact=True)
    response = logged_in.get("/people/?format=csv")
    names = [row["name"] for row in csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")))]
    assert names == ["Reachable Person"]
    assert "Quiet Person" in logged_in.get("/people/").get_data(as_text=True)


def test_the_follow_up_export_flags_a_do_not_contact_person_without_their_details(logged_in, staff):
    person = PersonFactory(name="Quiet Person", email="quiet@example.de", phone="123", do_not_contact=True)
    FollowUpFactory(assignee=staff, created_by=staff, person=person)
    response = logged_in.get("/follow-ups/?format=csv&scope=mine&due=open")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[1][2:5] == ["Quiet Person (do not contact)", "", ""]


# --- everything held about a person ---

@pytest.fixture
def katrin(staff):
    """A person with a position, an interaction, a follow-up, a fair, a delegation and an inquiry."""
    company = CompanyFactory(name="Elbe Photonics")
    person = PersonFactory(name="Katrin Weber", name_local="卡特琳", email="katrin@elbe.de", phone="+49 351 1",
                           notes="Prefers mornings", consent=Consent.GIVEN, consent_on=date(2026, 5, 3),
                           consent_source="Signed form")
    AffiliationFactory(person=person, company=company, title="Head of sales")
    interaction = InteractionFactory(company=company, author=staff, summary="Katrin Weber liked the <b>offer</b>",
                                     outcome="KATRIN WEBER will call back")
    interaction.people.append(person)
    FollowUpFactory(company=company, assignee=staff, person=person, next_step="Send Katrin Weber the brochure")
    participant = ParticipantFactory(company=company)
    participant.people.append(person)
    member = MemberFactory(company=company, delegation=DelegationFactory(name="Spring delegation"))
    member.people.append(person)
    DelegationFactory(name="Autumn delegation", head=person)
    InquiryFactory(contact_name="Katrin Weber", email="Katrin@Elbe.de", phone="+49 351 1")
    db.session.commit()
    return person


def test_the_json_download_holds_every_kind_of_record(client, auth, manager, katrin):
    auth.login(manager)
    response = client.get(f"/people/{katrin.id}/data.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert f'filename="person-{katrin.id}.json"' in response.headers["Content-Disposition"]
    data = json.loads(response.data)
    assert data["person"]["name_local"] == "卡特琳" and data["person"]["consent"] == "given"
    assert data["person"]["consent_on"] == "2026-05-03"
    assert [a["title"] for a in data["affiliations"]] == ["Head of sales"]
    assert [i["outcome"] for i in data["interactions"]] == ["KATRIN WEBER will call back"]
    assert [f["next_step"] for f in data["follow_ups"]] == ["Send Katrin Weber the brochure"]
    assert [p["company"] for p in data["event_participations"]] == ["Elbe Photonics"]
    assert sorted((d["delegation"], d["role"]) for d in data["delegations"]) == [
        ("Autumn delegation", "head"), ("Spring delegation", "member")]
    assert [q["contact_name"] for q in data["inquiries"]] == ["Katrin Weber"]


def test_the_readable_page_shows_the_same_data_escaped(client, auth, manager, katrin):
    auth.login(manager)
    text = client.get(f"/people/{katrin.id}/data").get_data(as_text=True)
    for expected in ("Head of sales", "Send Katrin Weber the brochure", "Spring delegation", "Autumn delegation",
                     "Prefers mornings", "Signed form"):
        assert expected in text
    assert "liked the &lt;b&gt;offer&lt;/b&gt;" in text


@pytest.mark.parametrize("path", ["/people/{id}/data", "/people/{id}/data.json", "/people/{id}/erase",
                                  "/people/retention"])
def test_staff_cannot_export_erase_or_review_people(logged_in, path):
    person = PersonFactory()
    assert logged_in.get(path.format(id=person.id)).status_code == 403
    assert logged_in.post(path.format(id=person.id), data={"confirm": "y"}).status_code in (403, 405)
    assert db.session.get(Person, person.id).erased_at is None


# --- erasure ---

def test_erasing_anonymises_the_person_and_keeps_the_company_history(client, auth, manager, katrin):
    auth.login(manager)
    response = client.post(f"/people/{katrin.id}/erase", data={"confirm": "y"})
    assert response.status_code == 302
    person = db.session.get(Person, katrin.id)
    label = f"Erased person #{katrin.id}"
    assert person.name == label and person.erased_at is not None and person.do_not_contact
    assert (person.name_local, person.email, person.phone, person.notes, person.consent_source) == (None,) * 5
    assert person.affiliations == []
    interaction = db.session.scalar(sa.select(Interaction))
    assert interaction.people == [person]
    assert interaction.summary == f"{label} liked the <b>offer</b>"
    assert interaction.outcome == f"{label} will call back"
    follow_up = db.session.scalar(sa.select(FollowUp))
    assert follow_up.person == person and follow_up.next_step == f"Send {label} the brochure"
    inquiry = db.session.scalar(sa.select(Inquiry))
    assert (inquiry.contact_name, inquiry.email, inquiry.phone) == (label, "", None)
    assert "Katrin" not in json.dumps(client.get(f"/people/{katrin.id}/data.json").json, ensure_ascii=False)


def test_erasing_needs_the_confirmation_box(client, auth, manager, katrin):
    auth.login(manager)
    response = client.post(f"/people/{katrin.id}/erase", data={})
    assert response.status_code == 200
    assert "Tick the box to confirm the erasure." in response.get_data(as_text=True)
    assert db.session.get(Person, katrin.id).name == "Katrin Weber"


def test_the_confirmation_page_says_what_stays(client, auth, manager, katrin):
    auth.login(manager)
    text = client.get(f"/people/{katrin.id}/erase").get_data(as_text=True)
    assert f"Erased person #{katrin.id}" in text and "keeps the 1 interaction(s)" in text


def test_an_erased_person_can_be_neither_edited_nor_erased_again(client, auth, manager):
    person = PersonFactory(name="Erased person #1", erased_at=utcnow(), do_not_contact=True)
    auth.login(manager)
    assert client.get(f"/people/{person.id}/edit").status_code == 404
    assert client.post(f"/people/{person.id}/erase", data={"confirm": "y"}).status_code == 404
    assert "erased on" in client.get(f"/people/{person.id}").get_data(as_text=True)


# --- retention review ---

def silent_since(name: str, years: float, last_contact_years: float | None = None, **kwargs) -> Person:
    now = utcnow()
    person = PersonFactory(name=name, created_at=now - timedelta(days=365 * years), **kwargs)
    if last_contact_years is not None:
        interaction = InteractionFactory(occurred_at=now - timedelta(days=365 * last_contact_years))
        interaction.people.append(person)
        db.session.commit()
    return person


def test_retention_lists_people_silent_for_the_default_three_years(client, auth, manager):
    silent_since("Never Contacted", 5)
    silent_since("Long Silent", 6, last_contact_years=4)
    silent_since("Recently Met", 6, last_contact_years=1)
    silent_since("New Contact", 1)
    silent_since("Erased person #9", 6, erased_at=utcnow())
    auth.login(manager)
    text = client.get("/people/retention").get_data(as_text=True)
    assert "Never Contacted" in text and "Long Silent" in text
    assert "Recently Met" not in text and "New Contact" not in text and "Erased person" not in text
    assert text.index("Never Contacted") < text.index("Long Silent")


def test_retention_years_come_from_the_query_or_the_configuration(client, auth, manager, app, monkeypatch):
    silent_since("Two Years Silent", 5, last_contact_years=2)
    auth.login(manager)
    assert "Two Years Silent" in client.get("/people/retention?years=1").get_data(as_text=True)
    monkeypatch.setitem(app.config, "RETENTION_YEARS", 1)
    assert "Two Years Silent" in client.get("/people/retention").get_data(as_text=True)
    assert "Two Years Silent" not in client.get("/people/retention?years=3").get_data(as_text=True)


def test_a_bad_number_of_years_is_a_field_message(client, auth, manager):
    auth.login(manager)
    response = client.get("/people/retention?years=-4")
    assert response.status_code == 200
    assert "Number must be between 1 and 50." in response.get_data(as_text=True)


def test_retention_exports_the_people_to_review(client, auth, manager):
    silent_since("Long Silent", 6, last_contact_years=4, do_not_contact=True)
    auth.login(manager)
    response = client.get("/people/retention?format=csv")
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [(r["name"], r["do_not_contact"]) for r in rows] == [("Long Silent", "True")]
    last_contact = date.fromisoformat(rows[0]["last_contact"])
    assert abs(last_contact - (utcnow() - timedelta(days=4 * 365)).date()) <= timedelta(days=1)
