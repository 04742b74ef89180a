"""The page everyone lands on after logging in."""
from flask import Blueprint, render_template
from flask_login import login_required

bp = Blueprint("dashboard", __name__)


@bp.get("/")
@login_required
def index():
    """My follow-ups, my office's recent contacts and the pipeline at a glance."""
    return render_template("dashboard/index.html")
