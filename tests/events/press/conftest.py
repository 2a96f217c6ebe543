import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group

from events.models import Quote
from events.roles import ORGANIZERS, roles_setup
from tests.factories import QuoteFactory, SessionFactory

# The forum's second day, 10:00 in Shanghai; embargoes below end at 18:00 there.
NOW = dt.datetime(2023, 7, 7, 2, 0, tzinfo=dt.UTC)
EMBARGO_END = dt.datetime(2023, 7, 7, 10, 0, tzinfo=dt.UTC)


@pytest.fixture
def frozen():
    """The clock stopped at NOW; a test moves it with `frozen.move_to()`."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def quotes_by_status(db):
    """One quote in each state, all in one published session; {state: quote}."""
    session = SessionFactory(title="Going abroad", slug="going-abroad")
    common = {"session": session, "forum": session.forum}
    return {
        "draft": QuoteFactory(text="Drafted words.", status=Quote.Status.DRAFT, **common),
        "embargoed": QuoteFactory(text="Embargoed words.", embargo_until=EMBARGO_END, **common),
        "verified": QuoteFactory(text="Verified words.", **common),
        "retracted": QuoteFactory(text="Retracted words.", status=Quote.Status.RETRACTED, **common),
    }


@pytest.fixture
def organizers_member(db, django_user_model):
    """A staff member of the Organizers group as setup_roles makes it, nothing more."""
    roles_setup()
    user = django_user_model.objects.create_user("member", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=ORGANIZERS))
    return user
