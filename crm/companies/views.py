"""Companies: the list with search and filters, the company page, create and edit."""
from flask import Blueprint

bp = Blueprint("companies", __name__, url_prefix="/companies")
