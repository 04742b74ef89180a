"""The delegation tests' stopped clock, for the annual report's default year."""
from tests.delegations.conftest import freeze_clock  # noqa: F401
