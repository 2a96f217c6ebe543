"""`make bench`: speed targets measured on what users get, the HTTP response of a page.

`python -m bench` starts its own PostgreSQL (as .ci/run does) or uses SQLite, seeds the data
of each section, serves the site with gunicorn and DEBUG off, and times the pages over HTTP.
Each section is a module with `prepare()` (seed, in this process) and `measure(site, write)`
(time pages of the served site). Nothing here is imported by the apps.
"""
