"""Pages of long lists that stay fast on page 650 as on page 1.

`db.paginate(stmt)` runs `stmt LIMIT 25 OFFSET 16000`: the database builds and throws away 16,000 whole rows
(with their joins and text columns), 60 ms for the company list at 20,000 companies on SQLite. Here the OFFSET
runs on a select of ids only, which the index of the sort column answers without touching the table (a
"deferred join"), and the full rows, joins and eager loads are made for the 25 ids of the page alone.

Why not keyset pagination (WHERE (name, id) > (:last_name, :last_id))? It is faster still on the very deep
pages, but it cannot jump to page 650 or show "page 3 of 813", which the office's lists do, and it needs a
cursor per sort order; with the ids-only offset the deepest page of 20,000 companies costs a few ms."""
from collections.abc import Callable

import sqlalchemy as sa
from flask_sqlalchemy.pagination import Pagination

from crm.extensions import db


class DeferredJoinPagination(Pagination):
    def _query_items(self) -> list:
        ids = self._query_args["ids"].limit(self.per_page).offset(self._query_offset)
        return self._query_args["rows"](ids)

    def _query_count(self) -> int:
        ids = self._query_args["ids"].order_by(None).subquery()
        return db.session.scalar(sa.select(sa.func.count()).select_from(ids))


def paginate_ids(ids: sa.Select, rows: Callable[[sa.Select], list], page: int | None = None,
                 per_page: int = 25, max_per_page: int = 100) -> Pagination:
    """`ids` selects the ids of the whole list, filtered and sorted; `rows(page_ids)` loads the rows whose
    ids are in the given select, in the list's order (it is the list's own Select plus `.where(id.in_(...))`).
    `page` None means the request's ?page=."""
    return DeferredJoinPagination(ids=ids, rows=rows, page=page, per_page=per_page, max_per_page=max_per_page,
                                  error_out=False)
