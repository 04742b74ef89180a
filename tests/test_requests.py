"""NUL characters are dropped from form fields and query arguments (PostgreSQL cannot store them)."""
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Person


def test_a_nul_in_a_form_field_is_dropped_and_the_rest_saved(logged_in):
    response = logged_in.post("/people/new", data={"name": "Anna\x00 Weber", "notes": "\x00line\x00"})
    assert response.status_code == 302
    person = db.session.scalar(sa.select(Person))
    assert (person.name, person.notes) == ("Anna Weber", "line")


def test_a_nul_in_a_search_is_dropped(logged_in):
    response = logged_in.get("/companies/", query_string={"q": "Elbe\x00"})
    assert response.status_code == 200
    assert 'value="Elbe"' in response.get_data(as_text=True)
