import pytest
from django.utils import translation

from speakers.models import role_line, role_template
from tests.events.public_data import translate
from tests.factories import AffiliationFactory


def test_role_reads_title_then_organization_in_english():
    with translation.override("en"):
        assert role_line("deputy chief engineer", "CAAM") == "deputy chief engineer, CAAM"


def test_role_reads_organization_then_title_in_chinese():
    with translation.override("zh-hans"):
        assert role_line("副总工程师", "中国汽车工业协会") == "中国汽车工业协会副总工程师"


def test_a_role_missing_one_part_is_the_other_alone():
    assert role_line("", "CAAM") == "CAAM"
    assert role_line("adviser", "") == "adviser"


def test_a_template_given_once_is_used_as_is():
    with translation.override("zh-hans"):
        template = role_template()
    with translation.override("en"):
        assert role_line("副总工程师", "协会", template) == "协会副总工程师"


@pytest.mark.django_db
def test_an_affiliations_role_follows_the_active_language():
    affiliation = AffiliationFactory(title="deputy chief engineer", organization__name="CAAM")
    translate(affiliation, title="副总工程师")
    translate(affiliation.organization, name="中国汽车工业协会")
    with translation.override("en"):
        assert affiliation.role == "deputy chief engineer, CAAM"
    with translation.override("zh-hans"):
        affiliation.set_current_language("zh-hans")
        affiliation.organization.set_current_language("zh-hans")
        assert affiliation.role == "中国汽车工业协会副总工程师"
