"""`crm search-reindex`: rebuild the search index from the records."""
import click
from flask.cli import with_appcontext

from crm.extensions import db
from crm.search.index import reindex


@click.command("search-reindex")
@with_appcontext
def search_reindex():
    """Rebuild the index behind the search box (after bulk loads or restores done around the app)."""
    counts = reindex(db.session)
    db.session.commit()
    click.echo("Indexed " + ", ".join(f"{count} {kind} entries" for kind, count in counts.items()) + ".")
