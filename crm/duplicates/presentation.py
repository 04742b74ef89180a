"""Showing duplicates to people: reasons in their language, links to companies, a page of a list."""
from math import ceil

from flask import url_for
from flask_babel import gettext as _
from werkzeug.routing import BuildError

from crm.services import dedupe


def reason_text(reason: dedupe.Reason) -> str:
    """A dedupe reason as a translated sentence."""
    if reason.kind == dedupe.SAME_REGISTRATION:
        return _("same registration number %(number)s", number=reason.detail)
    if reason.kind == dedupe.SAME_NAME:
        return _("same name after normalisation")
    if reason.kind == dedupe.SIMILAR_NAME:
        return _("similar name (%(percent)s%%)", percent=reason.detail)
    if reason.kind == dedupe.SAME_WEBSITE:
        return _("same website domain %(domain)s", domain=reason.detail)
    if reason.kind == dedupe.SAME_EMAIL_DOMAIN:
        return _("same e-mail domain %(domain)s", domain=reason.detail)
    if reason.kind == dedupe.SAME_DOMAIN:
        return _("same domain %(domain)s (website of one, e-mail of the other)", domain=reason.detail)
    return str(reason)


def reasons_text(reasons) -> str:
    return "; ".join(reason_text(reason) for reason in reasons)


def company_url(company_id: int) -> str | None:
    """The company's page, once the companies area has one."""
    for argument in ("company_id", "id"):
        try:
            return url_for("companies.detail", **{argument: company_id})
        except BuildError:
            continue
    return None


class ListPage:
    """One page of a list computed in Python, with what the `pagination` macro reads."""

    def __init__(self, items: list, page: int, per_page: int):
        self.total = len(items)
        self.per_page = per_page
        self.pages = max(1, ceil(self.total / per_page))
        self.page = min(max(1, page), self.pages)
        start = (self.page - 1) * per_page
        self.items = items[start : start + per_page]
        self.has_prev, self.has_next = self.page > 1, self.page < self.pages
        self.prev_num = self.page - 1 if self.has_prev else None
        self.next_num = self.page + 1 if self.has_next else None

    def __iter__(self):
        return iter(self.items)

    def iter_pages(self, left_edge=2, left_current=2, right_current=4, right_edge=2):
        """Page numbers to link, None where a gap is; as Flask-SQLAlchemy's Pagination."""
        pages_end = self.pages + 1
        if pages_end == 1:
            return
        left_end = min(1 + left_edge, pages_end)
        yield from range(1, left_end)
        if left_end == pages_end:
            return
        mid_start = max(left_end, self.page - left_current)
        mid_end = min(self.page + right_current, pages_end)
        if mid_start - left_end > 0:
            yield None
        yield from range(mid_start, mid_end)
        if mid_end == pages_end:
            return
        right_start = max(mid_end, pages_end - right_edge)
        if right_start - mid_end > 0:
            yield None
        yield from range(right_start, pages_end)
