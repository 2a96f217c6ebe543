"""`manage.py backup FILE` and `manage.py restore FILE`: the database and every media file.

One tar.gz archive:

    data.json        the database, as Django's dumpdata writes it (natural foreign keys)
    media/NAME       each file of the default storage (a local folder or the S3 bucket)
    manifest.json    format, database vendor, applied migrations, rows per model, and
                     each media file's size and SHA-256

Why dumpdata rather than pg_dump: one archive format for SQLite (development, small
sites) and PostgreSQL (production), restorable from either into either, with no
PostgreSQL client binaries of the server's version on the app servers; primary keys are
kept (quote permalinks use them) and content types and permissions, which `migrate`
recreates with other ids, are referenced by natural key. The price is speed: a dump of a
large site is slower than pg_dump, which stays the tool for a database of many GB.

create.py writes an archive from one consistent read of the database; restore.py loads
one into an empty, migrated database and storage in one transaction, or changes nothing.
"""
