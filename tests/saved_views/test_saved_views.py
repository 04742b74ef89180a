"""Saved views: a list's filters and order under a name, private or shared, pinned, opened and exported."""
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Role, SavedView, Visibility
from tests.factories import OfficeFactory, UserFactory


def save(client, name="Dresden partners", list_name="companies", query="status=partner&city=Dresden&sort=name&page=3",
         visibility="private", pin="y"):
    return client.post("/views/", data={"name": name, "list_name": list_name, "query": query,
                                        "visibility": visibility, "pin": pin})


def a_view(owner, visibility=Visibility.PRIVATE, name="Hot leads", list_name="companies", query="status=contacted"):
    view = SavedView(owner=owner, office_id=owner.office_id, visibility=visibility, name=name, list_name=list_name,
                     query=query)
    db.session.add(view)
    db.session.commit()
    return view


def test_a_saved_view_opens_the_list_as_it_was_filtered_and_sorted_without_the_page(logged_in):
    response = save(logged_in)
    view = db.session.scalar(sa.select(SavedView))
    assert (view.name, view.query) == ("Dresden partners", "status=partner&city=Dresden&sort=name")
    assert response.headers["Location"] == "/companies/?status=partner&city=Dresden&sort=name"
    assert logged_in.get(f"/views/{view.id}").headers["Location"] == response.headers["Location"]


def test_a_pinned_view_is_in_the_menu_on_every_page(logged_in):
    save(logged_in, name="My overdue", list_name="followups", query="scope=mine&due=overdue")
    page = logged_in.get("/").get_data(as_text=True)
    assert "My overdue" in page.split('id="pinned-views"')[1].split("</li>\n      </ul>")[0]


def test_a_view_is_exported_as_it_is(logged_in):
    save(logged_in)
    view = db.session.scalar(sa.select(SavedView))
    location = logged_in.get(f"/views/{view.id}/export?format=csv").headers["Location"]
    assert location == "/companies/?status=partner&city=Dresden&sort=name&format=csv"


def test_saving_under_the_same_name_replaces_the_view(logged_in):
    save(logged_in, query="status=new")
    save(logged_in, query="status=partner")
    assert db.session.scalars(sa.select(SavedView.query)).all() == ["status=partner"]


def test_a_private_view_is_not_found_by_others(client, auth, staff):
    view = a_view(UserFactory(office=staff.office, role=Role.STAFF))
    auth.login(staff)
    assert client.get(f"/views/{view.id}").status_code == 404
    assert "Hot leads" not in client.get("/views/").get_data(as_text=True)


def test_an_office_view_is_shared_with_the_office_only(client, auth, staff):
    view = a_view(UserFactory(office=staff.office, role=Role.STAFF), Visibility.OFFICE)
    auth.login(staff)
    assert client.get(f"/views/{view.id}").status_code == 302
    auth.logout()
    auth.login(UserFactory(office=OfficeFactory(name="Vantaa"), role=Role.STAFF))
    assert client.get(f"/views/{view.id}").status_code == 404


def test_a_view_for_everyone_shows_on_its_list_with_its_owner(client, auth, staff):
    a_view(UserFactory(office=OfficeFactory(name="Vantaa"), role=Role.STAFF, name="Aino"), Visibility.EVERYONE)
    auth.login(staff)
    page = client.get("/companies/").get_data(as_text=True)
    assert "Hot leads" in page and "Aino" in page


def test_only_the_owner_or_an_admin_deletes_a_view(client, auth, staff, admin):
    view = a_view(UserFactory(office=staff.office, role=Role.STAFF), Visibility.EVERYONE)
    auth.login(staff)
    assert client.post(f"/views/{view.id}/delete").status_code == 403
    auth.logout()
    auth.login(admin)
    assert client.post(f"/views/{view.id}/delete").status_code == 302
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedView)) == 0


def test_anyone_who_sees_a_shared_view_may_pin_it(client, auth, staff):
    view = a_view(UserFactory(office=staff.office, role=Role.STAFF), Visibility.OFFICE)
    auth.login(staff)
    client.post(f"/views/{view.id}/pin")
    assert staff in db.session.get(SavedView, view.id).pinned_by
    client.post(f"/views/{view.id}/unpin")
    assert staff not in db.session.get(SavedView, view.id).pinned_by


def test_a_view_needs_a_name_and_a_known_list(logged_in):
    page = save(logged_in, name="", list_name="passwords").get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SavedView)) == 0
    page = logged_in.get("/views/").get_data(as_text=True)
    assert "Name of the view: This field is required." in page


def test_viewers_open_shared_views_but_do_not_save(client, auth, viewer, staff):
    view = a_view(staff, Visibility.EVERYONE)
    auth.login(viewer)
    assert client.get(f"/views/{view.id}").status_code == 302
    assert save(client).status_code == 403
