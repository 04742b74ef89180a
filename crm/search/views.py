"""The search box in the header: a results page, the fragment shown as the user types,
and the pinyin suggested for a Chinese name on the company and person forms."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Blueprint, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_login import login_required
from sqlalchemy.orm import selectinload

from crm.extensions import db
from crm.models import Affiliation, Company, Delegation, Event, Person
from crm.search.queries import COUNT_CAP, best_match_ids
from crm.services.pinyin import company_romanised, has_han, person_romanised
from crm.services.search_text import parse_query

bp = Blueprint("search", __name__, url_prefix="/search")

PAGE_PER_KIND = 20
SUGGESTIONS_PER_KIND = 5
MAX_QUERY = 200


@dataclass(frozen=True)
class Kind:
    model: type
    heading: str
    options: tuple = ()
    list_endpoint: str | None = None  # the list page that filters by the same query


# In the order the groups are shown.
KINDS = {
    "company": Kind(Company, _l("Companies"), list_endpoint="companies.index"),
    "person": Kind(Person, _l("People"), (selectinload(Person.affiliations).joinedload(Affiliation.company),),
                   list_endpoint="people.index"),
    "event": Kind(Event, _l("Events")),
    "delegation": Kind(Delegation, _l("Delegations")),
}


@dataclass(frozen=True)
class Group:
    kind: str
    heading: str
    records: list
    total: int
    list_endpoint: str | None


def find(text: str, per_kind: int) -> list[Group] | None:
    """The best matches of each kind, best first; None when the text has nothing to search for."""
    query = parse_query(text)
    if query is None:
        return None
    best = best_match_ids(query, KINDS, per_kind)
    groups = []
    for kind, spec in KINDS.items():
        if kind not in best:
            continue
        ids, total = best[kind]
        model = spec.model
        loaded = {r.id: r for r in db.session.scalars(sa.select(model).where(model.id.in_(ids)).options(*spec.options))}
        records = [loaded[record_id] for record_id in ids if record_id in loaded]
        groups.append(Group(kind, spec.heading, records, total, spec.list_endpoint))
    return groups


def typed_query() -> str:
    return request.args.get("q", "").strip()[:MAX_QUERY]


@bp.get("/")
@login_required
def results():
    """Everything that matches the query, grouped by type: works without JavaScript."""
    q = typed_query()
    return render_template("search/results.html", q=q, groups=find(q, PAGE_PER_KIND) if q else None,
                           count_cap=COUNT_CAP)


@bp.get("/suggest")
@login_required
def suggest():
    """The few best matches of each type, as an HTML fragment for the box's drop-down."""
    q = typed_query()
    return render_template("search/_groups.html", q=q, groups=find(q, SUGGESTIONS_PER_KIND) if q else None,
                           compact=True, count_cap=COUNT_CAP)


ROMANISERS = {"company": company_romanised, "person": person_romanised}


@bp.get("/romanise")
@login_required
def romanise():
    """The pinyin suggested for a Chinese name, as JSON: {"latin": "Jinan Jiguang Keji"}."""
    text = request.args.get("text", "")[:MAX_QUERY]
    romaniser = ROMANISERS.get(request.args.get("kind"), company_romanised)
    return jsonify(latin=romaniser(text) if has_han(text) else "")
