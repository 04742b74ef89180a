"""Offices in three time zones and a clock that can be stopped."""
from datetime import datetime, timezone

import pytest

import crm.clock
from tests.factories import OfficeFactory, UserFactory


@pytest.fixture
def vantaa():
    return OfficeFactory(name="Vantaa", city="Vantaa", country="FI", timezone="Europe/Helsinki")


@pytest.fixture
def jinan():
    return OfficeFactory(name="Jinan", city="Jinan", country="CN", timezone="Asia/Shanghai")


@pytest.fixture
def colleague(office):
    """Another staff member of the Dresden office."""
    return UserFactory(office=office, name="Colleague")


@pytest.fixture
def freeze_clock(monkeypatch):
    """`freeze_clock(datetime(2026, 11, 25, 22, 30))` stops crm.clock at that UTC instant."""

    def freeze(utc: datetime) -> None:
        frozen = utc.replace(tzinfo=timezone.utc)

        class FrozenDatetime(datetime):
            @classmethod
            def now(cls, tz=None):
                return frozen.astimezone(tz) if tz is not None else frozen.replace(tzinfo=None)

        monkeypatch.setattr(crm.clock, "datetime", FrozenDatetime)

    return freeze
