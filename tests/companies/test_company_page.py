"""The company page, and creating and editing companies."""
from datetime import datetime

import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company, PipelineStatus, Tag
from tests.factories import (
    AffiliationFactory,
    CompanyFactory,
    FollowUpFactory,
    InteractionFactory,
    PersonFactory,
    SectorFactory,
)


def test_page_shows_profile_people_history_and_open_follow_ups(logged_in, staff):
    company = CompanyFactory(
        name="Sächsische Präzisionsoptik GmbH", offers="Precision optics", seeks="Chinese distributors"
    )
    AffiliationFactory(company=company, person=PersonFactory(name="Katrin Weber"), title="CEO")
    InteractionFactory(company=company, author=staff, summary="Discussed the Jinan fair")
    FollowUpFactory(company=company, assignee=staff, next_step="Send the brochure")
    FollowUpFactory(company=company, assignee=staff, next_step="Already done", done_at=db.func.now())
    # Up to the change history, which lists every record of the company.
    text = logged_in.get(f"/companies/{company.id}").get_data(as_text=True).split('id="history"')[0]
    for expected in ["Sächsische Präzisionsoptik GmbH", "Precision optics", "Katrin Weber", "CEO",
                     "Discussed the Jinan fair", "Send the brochure"]:
        assert expected in text
    assert "Already done" not in text


def test_history_is_newest_first(logged_in, staff):
    company = CompanyFactory()
    InteractionFactory(company=company, author=staff, summary="older call", occurred_at=datetime(2024, 1, 1, 9, 0))
    InteractionFactory(company=company, author=staff, summary="newer call")
    text = logged_in.get(f"/companies/{company.id}").get_data(as_text=True).split('id="history"')[0]
    assert text.index("newer call") < text.index("older call")


def test_unknown_company_is_404(logged_in):
    assert logged_in.get("/companies/999999").status_code == 404


def test_page_statements_do_not_grow_with_history(logged_in, staff, count_queries):
    def statements_for(n):
        company = CompanyFactory()
        for i in range(n):
            person = PersonFactory()
            AffiliationFactory(company=company, person=person)
            interaction = InteractionFactory(company=company, author=staff)
            interaction.people.append(person)
            FollowUpFactory(company=company, assignee=staff, person=person)
        db.session.commit()
        with count_queries() as statements:
            logged_in.get(f"/companies/{company.id}")
        return len(statements)

    assert statements_for(2) == statements_for(20)


def test_staff_creates_a_company_with_sectors_and_tags(logged_in, staff):
    sector = SectorFactory(name="Lasers")
    db.session.add(Tag(name="Fair 2015"))
    db.session.commit()
    response = logged_in.post("/companies/new", data={
        "name": " Jinan Laser Technology Co., Ltd. ", "name_local": "济南激光科技有限公司", "kind": "enterprise",
        "status": "contacted", "country": "CN", "city": "Jinan", "sector_ids": [sector.id],
        "website": "www.jinan-laser.cn", "email": "Info@Jinan-Laser.cn", "tags": "fair 2015, laser, Laser",
        "owner_id": staff.id, "office_id": staff.office_id,
    })
    assert response.status_code == 302
    company = db.session.scalar(sa.select(Company))
    assert company.name == "Jinan Laser Technology Co., Ltd."
    assert company.website == "https://www.jinan-laser.cn" and company.email == "info@jinan-laser.cn"
    assert company.status is PipelineStatus.CONTACTED and company.sectors == [sector]
    assert sorted(t.name for t in company.tags) == ["Fair 2015", "laser"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Tag)) == 2


def test_new_company_form_defaults_to_the_user_as_owner(logged_in, staff):
    text = logged_in.get("/companies/new").get_data(as_text=True)
    assert f'<option selected value="{staff.id}">' in text or f'value="{staff.id}" selected' in text


def test_bad_input_names_the_fields_and_writes_nothing(logged_in):
    response = logged_in.post("/companies/new", data={
        "name": "", "kind": "enterprise", "status": "new", "email": "not-an-email", "website": "no dots",
        "country": "XX",
    })
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "This field is required." in text and "Invalid email address." in text
    assert "Enter a web address" in text and "Not a valid choice" in text
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Company)) == 0


def test_staff_edits_any_company(logged_in):
    company = CompanyFactory(name="Old Name GmbH")
    response = logged_in.post(f"/companies/{company.id}/edit", data={
        "name": "New Name GmbH", "kind": "institution", "status": "partner",
    })
    assert response.status_code == 302
    db.session.refresh(company)
    assert company.name == "New Name GmbH" and company.status is PipelineStatus.PARTNER


def test_viewer_cannot_create_or_edit(client, auth, viewer):
    company = CompanyFactory()
    auth.login(viewer)
    assert client.get("/companies/new").status_code == 403
    assert client.post("/companies/new", data={"name": "X"}).status_code == 403
    assert client.post(f"/companies/{company.id}/edit", data={"name": "X"}).status_code == 403
    assert client.get(f"/companies/{company.id}").status_code == 200
