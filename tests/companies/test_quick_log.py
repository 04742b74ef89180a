"""Logging a contact straight from the company list, without opening the company."""
import re
from datetime import date

from crm.extensions import db
from crm.models import Channel, FollowUp, Interaction
from tests.companies.markup import check_page
from tests.factories import CompanyFactory


def test_each_row_has_a_log_form_posting_to_the_interaction_endpoint_and_back(logged_in):
    company = CompanyFactory(name="Elbe Optics GmbH")
    page = logged_in.get("/companies/?q=Elbe").get_data(as_text=True)

    action = re.search(r'<form method="post" class="quick-log-form[^>]*action="([^"]+)"', page).group(1)
    assert action.startswith(f"/companies/{company.id}/interactions/new?next=")
    assert action.endswith("next=/companies/?q%3DElbe")
    assert "<details" in page and "<summary" in page  # opens without script


def test_every_quick_form_field_has_its_own_label(logged_in):
    CompanyFactory.create_batch(3)
    check_page(logged_in.get("/companies/").get_data(as_text=True))


def test_a_quick_log_with_a_next_step_returns_to_the_list(logged_in, staff):
    company = CompanyFactory()
    page = logged_in.get("/companies/").get_data(as_text=True)
    occurred_at = re.search(r'name="occurred_at" value="([^"]+)"', page).group(1)

    response = logged_in.post(
        f"/companies/{company.id}/interactions/new?next=/companies/%3Fq%3DElbe",
        data={"occurred_at": occurred_at, "assignee_id": staff.id, "channel": "wechat",
              "summary": "Asked about the fair", "next_step": "Send the programme", "due_on": "2030-01-10"},
    )

    assert response.status_code == 302 and response.headers["Location"] == "/companies/?q=Elbe"
    interaction = db.session.scalars(db.select(Interaction)).one()
    assert (interaction.company_id, interaction.channel, interaction.author_id) == (
        company.id, Channel.WECHAT, staff.id)
    follow_up = db.session.scalars(db.select(FollowUp)).one()
    assert (follow_up.next_step, follow_up.due_on, follow_up.assignee_id) == (
        "Send the programme", date(2030, 1, 10), staff.id)


def test_a_quick_log_without_summary_shows_the_full_form_and_writes_nothing(logged_in, staff):
    company = CompanyFactory()
    response = logged_in.post(f"/companies/{company.id}/interactions/new?next=/companies/",
                              data={"occurred_at": "2026-11-25T10:00", "assignee_id": staff.id, "channel": "call",
                                    "summary": ""})
    assert response.status_code == 200 and "<h1" in response.get_data(as_text=True)
    assert db.session.scalars(db.select(Interaction)).all() == []


def test_viewers_get_no_quick_log(client, auth, viewer):
    CompanyFactory()
    auth.login(viewer)
    assert "quick-log" not in client.get("/companies/").get_data(as_text=True)
