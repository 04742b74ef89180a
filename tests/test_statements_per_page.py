"""No N+1: the main pages run as many SQL statements on a small office as on one three times its size."""
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company, Interaction, Meeting, Office
from crm.services.demo_office import PASSWORD


def main_pages() -> dict[str, str]:
    busiest = db.session.scalar(sa.select(Interaction.company_id).group_by(Interaction.company_id)
                                .order_by(sa.func.count().desc(), Interaction.company_id).limit(1))
    event = db.session.scalar(sa.select(Meeting.event_id).group_by(Meeting.event_id).limit(1))
    office = db.session.scalar(sa.select(Office.id).where(Office.name == "Dresden"))
    pages = db.session.scalar(sa.select(sa.func.count()).select_from(Company)) // 25
    return {
        "dashboard": "/",
        "company list": "/companies/",
        "a deep page": f"/companies/?page={pages}",
        "filtered and sorted": "/companies/?country=DE&q=e&sort=-updated",
        "company page": f"/companies/{busiest}",
        "its oldest contacts": f"/companies/{busiest}?history_page=2",
        "log an interaction": f"/companies/{busiest}/interactions/new",
        "overdue of an office": f"/follow-ups/?scope=office&due=overdue&office_id={office}",
        "this week of an office": f"/follow-ups/?scope=office&due=week&office_id={office}",
        "fair schedule": f"/events/{event}/schedule",
        "CSV export": "/companies/?country=DE&format=csv",
        "XLSX export": "/companies/?country=DE&format=xlsx",
    }


def statements_per_page(runner, client, count_queries, scale: str) -> dict[str, int]:
    result = runner.invoke(args=["seed-demo", "--force", "--scale", scale])
    assert result.exit_code == 0, result.output
    client.post("/login", data={"email": "manager.dresden@jadebridge.eu", "password": PASSWORD})
    counts = {}
    for name, url in main_pages().items():
        with count_queries() as statements:
            assert client.get(url).status_code == 200, name
        counts[name] = len(statements)
    client.post("/logout")
    return counts


def test_main_pages_run_as_many_statements_whatever_the_amount_of_data(runner, client, count_queries):
    small = statements_per_page(runner, client, count_queries, "0.06")
    large = statements_per_page(runner, client, count_queries, "0.2")
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Interaction)) > 4000
    assert large == small
