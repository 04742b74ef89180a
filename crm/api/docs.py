"""The browsable API documentation: Swagger UI served from the swagger-ui-bundle
package (no CDN), started by an external script because the CSP forbids inline ones."""
from flask import Blueprint, render_template, send_from_directory
from swagger_ui_bundle import swagger_ui_path

bp = Blueprint("api_docs", __name__, url_prefix="/api/v1/docs")

ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js")


@bp.get("/")
def index():
    """Swagger UI on /api/v1/openapi.json; "Authorize" takes a personal token."""
    return render_template("api/docs.html")


@bp.get("/assets/<name>")
def asset(name: str):
    if name not in ASSETS:
        return "", 404
    return send_from_directory(swagger_ui_path, name, max_age=86400)
