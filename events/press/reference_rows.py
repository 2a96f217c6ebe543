"""What search results show besides their quotes, kept between searches while unchanged.

A page of results shows its speakers with their affiliations and
organizations, sessions, forums, venues and sources: loading them costs a
search five queries. Those rows change seldom (organizers editing) while
press staff search often, so each process keeps the rows it has loaded, as
raw rows (instances are built afresh for every search, so no search can
change what another sees).

They are kept exactly as long as they are true. Every write to those tables
changes a number in the database, in the same transaction (triggers, see
migration events/0011: they also catch QuerySet.update(), bulk writes, imports
and raw SQL, which send no signals). The search reads that number in the same
statement as its page of quotes (version_sql()), and the rows kept are used only
while it is the number they were loaded under. They were loaded after the
number was read, so they are at least as new as it; and any later write would
have changed it.

On PostgreSQL the number is written when the writing transaction commits, so a
search inside a transaction that has written (a test, a request that saved
something) could see its own new rows under the old number: there version_sql()
gives NULL and nothing is kept or reused.
"""

from forum_site.prefetch import RowStore

# Rows held per process and database before the store starts afresh: the bench's
# 2,000 speakers, 800 sessions and their affiliations and translations are some
# 8,000 ids.
MAX_IDS = 50_000

VERSION_SQL = {
    "postgresql": (
        "(SELECT version FROM events_reference_version WHERE txid_current_if_assigned() IS NULL)"
    ),
    "sqlite": "(SELECT version FROM events_reference_version)",
}

_stores = {}  # database alias -> (version, RowStore)


def version_sql(connection):
    """SQL of the current version of the rows this module keeps; NULL where it cannot say."""
    return VERSION_SQL.get(connection.vendor, "NULL")


def store_for(db, version):
    """The RowStore of database `db` at `version`: its rows are true; a fresh one if None."""
    if version is None:
        return RowStore()
    held = _stores.get(db)
    if held is None or held[0] != version or held[1].size > MAX_IDS:
        held = _stores[db] = (version, RowStore())
    return held[1]


def forget():
    """Drop every kept row (tests that count queries start from nothing)."""
    _stores.clear()
