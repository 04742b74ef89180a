"""Fresh rate-limit counters for every test, and inquiries as the public form stores them."""
import factory
import pytest

from crm.extensions import limiter
from crm.models import Inquiry, utcnow
from tests.factories import BaseFactory


@pytest.fixture(autouse=True)
def _reset_rate_limits():
    limiter.reset()
    yield
    limiter.reset()


class InquiryFactory(BaseFactory):
    class Meta:
        model = Inquiry

    company_name = factory.Sequence(lambda n: f"Inquiring Firm {n} GmbH")
    contact_name = factory.Sequence(lambda n: f"Visitor {n}")
    email = factory.Sequence(lambda n: f"visitor{n}@inquiring{n}.de")
    country = "DE"
    offers = "Laser cutting machines"
    seeks = "A distributor in Shandong"
    consent_at = factory.LazyFunction(utcnow)
    consent_text = "I agree that the offices may contact me."


@pytest.fixture
def inquiry_factory():
    return InquiryFactory
