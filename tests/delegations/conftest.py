"""A clock that can be stopped, and a second office."""
from datetime import datetime, timezone

import pytest

import crm.clock
from tests.factories import OfficeFactory


@pytest.fixture
def freeze_clock(monkeypatch):
    """`freeze_clock(datetime(2016, 4, 12, 10, 0))` stops crm.clock at that UTC instant."""

    def freeze(utc: datetime) -> None:
        frozen = utc.replace(tzinfo=timezone.utc)

        class FrozenDatetime(datetime):
            @classmethod
            def now(cls, tz=None):
                return frozen.astimezone(tz) if tz is not None else frozen.replace(tzinfo=None)

        monkeypatch.setattr(crm.clock, "datetime", FrozenDatetime)

    return freeze


@pytest.fixture
def jinan():
    return OfficeFactory(name="Jinan", city="Jinan", country="CN", timezone="Asia/Shanghai")
