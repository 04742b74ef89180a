"""Webhook endpoints and their deliveries, for admins only."""
import sqlalchemy as sa
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from crm.auth.permissions import role_required
from crm.auth.redirects import local_or
from crm.extensions import db
from crm.models import DeliveryStatus, Role, WebhookDelivery, WebhookEndpoint
from crm.models.base import utcnow
from crm.services import webhooks
from crm.webhooks.forms import DeliveryFilterForm, EndpointForm

bp = Blueprint("webhooks", __name__, url_prefix="/admin/webhooks")


@bp.before_request
@role_required(Role.ADMIN)
def require_admin():
    """Every page here is for admins only."""


@bp.get("/")
def index():
    """The registered endpoints with their events and how many deliveries wait or failed."""
    endpoints = db.session.scalars(sa.select(WebhookEndpoint).order_by(WebhookEndpoint.active.desc(),
                                                                        WebhookEndpoint.id)).all()
    counts = {(endpoint_id, status): count for endpoint_id, status, count in db.session.execute(
        sa.select(WebhookDelivery.endpoint_id, WebhookDelivery.status, sa.func.count())
        .where(WebhookDelivery.status != DeliveryStatus.DELIVERED)
        .group_by(WebhookDelivery.endpoint_id, WebhookDelivery.status))}
    return render_template("webhooks/index.html", endpoints=endpoints, counts=counts, statuses=DeliveryStatus)


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Register an endpoint; the app makes its secret."""
    return endpoint_form(WebhookEndpoint(secret=webhooks.new_secret(), active=True, events=[]))


@bp.route("/<int:endpoint_id>", methods=["GET", "POST"])
def edit(endpoint_id: int):
    """Change an endpoint's address, events or active flag; shows its secret."""
    return endpoint_form(db.get_or_404(WebhookEndpoint, endpoint_id))


def endpoint_form(endpoint: WebhookEndpoint):
    form = EndpointForm(data={"url": endpoint.url, "description": endpoint.description,
                              "events": endpoint.events, "active": endpoint.active})
    if form.validate_on_submit():
        endpoint.url = form.url.data.strip()
        endpoint.description = (form.description.data or "").strip() or None
        endpoint.events = form.events.data
        endpoint.active = form.active.data
        created = endpoint.id is None
        db.session.add(endpoint)
        db.session.commit()
        if created:
            flash(_("Endpoint saved. Give its secret to the receiving side: it checks the signature with it."),
                  "success")
            return redirect(url_for("webhooks.edit", endpoint_id=endpoint.id))
        flash(_("Endpoint saved."), "success")
        return redirect(url_for("webhooks.index"))
    return render_template("webhooks/endpoint_form.html", form=form, endpoint=endpoint)


@bp.post("/<int:endpoint_id>/secret")
def new_secret(endpoint_id: int):
    """Replace the endpoint's secret, e.g. after it leaked; deliveries are signed with the new one."""
    endpoint = db.get_or_404(WebhookEndpoint, endpoint_id)
    endpoint.secret = webhooks.new_secret()
    db.session.commit()
    flash(_("New secret made. Give it to the receiving side; the old one no longer verifies."), "success")
    return redirect(url_for("webhooks.edit", endpoint_id=endpoint.id))


@bp.get("/deliveries")
def deliveries():
    """Every delivery, newest first, filtered by status and endpoint."""
    form = DeliveryFilterForm(request.args)
    endpoints = db.session.scalars(sa.select(WebhookEndpoint).order_by(WebhookEndpoint.id)).all()
    form.endpoint_id.choices = [("", _("Any"))] + [(endpoint.id, str(endpoint)) for endpoint in endpoints]
    form.validate()
    stmt = sa.select(WebhookDelivery).order_by(WebhookDelivery.created_at.desc(), WebhookDelivery.id.desc())
    if form.status.data and not form.status.errors:
        stmt = stmt.where(WebhookDelivery.status == DeliveryStatus(form.status.data))
    if form.endpoint_id.data and not form.endpoint_id.errors:
        stmt = stmt.where(WebhookDelivery.endpoint_id == form.endpoint_id.data)
    page = db.paginate(stmt, per_page=current_app.config["PER_PAGE"], max_per_page=100, error_out=False)
    return render_template("webhooks/deliveries.html", form=form, page=page)


@bp.post("/deliveries/<int:delivery_id>/retry")
def retry(delivery_id: int):
    """Send a pending or failed delivery now, whatever its schedule."""
    delivery = db.get_or_404(WebhookDelivery, delivery_id)
    if delivery.status is DeliveryStatus.DELIVERED:
        flash(_("This delivery has been delivered already."), "warning")
    elif webhooks.deliver(delivery, utcnow(), timeout=current_app.config["WEBHOOKS_TIMEOUT"]):
        flash(_("Delivered."), "success")
    else:
        flash(_("Not delivered: %(reason)s", reason=delivery.last_error or delivery.last_status_code), "danger")
    db.session.commit()
    return redirect(local_or(request.args.get("next"), url_for("webhooks.deliveries")))
