"""Marshmallow fields for the API: text that any database stores, UTC times,
integers that fit a column, and references to existing records."""
from datetime import datetime, timezone

import marshmallow as ma
from flask_babel import lazy_gettext as _l

from crm.extensions import db

INT_MAX = 2**31 - 1  # the largest INTEGER on PostgreSQL


class Text(ma.fields.String):
    """Trimmed text; blank means null for optional fields. Refuses what a database
    cannot store (NUL characters, lone surrogates) instead of failing on it."""

    def __init__(self, max_length: int | None = None, validate=None, **kwargs):
        validators = [ma.validate.Length(max=max_length)] if max_length else []
        validators += [validate] if validate else []
        if kwargs.get("required"):
            validators.append(ma.validate.Length(min=1, error=str(_l("Must not be blank."))))
        else:
            kwargs.setdefault("allow_none", True)
        super().__init__(validate=validators, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if "\x00" in text:
            raise ma.ValidationError(str(_l("Must not contain NUL characters.")))
        try:
            text.encode("utf-8")
        except UnicodeEncodeError as error:
            raise ma.ValidationError(str(_l("Not valid Unicode text."))) from error
        if not text and not self.required:
            return None
        return text

    def _validate(self, value):
        if value is not None:  # blank, read as null
            super()._validate(value)


class UtcDateTime(ma.fields.DateTime):
    """ISO 8601 in UTC ('2026-03-02T09:30:00Z'); stored naive. A time without an
    offset is read as UTC."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else value.replace(microsecond=0).isoformat() + "Z"

    def _deserialize(self, value, attr, data, **kwargs):
        moment: datetime = super()._deserialize(value, attr, data, **kwargs)
        if moment.tzinfo is None:
            return moment
        try:
            return moment.astimezone(timezone.utc).replace(tzinfo=None)
        except OverflowError as error:
            raise ma.ValidationError(str(_l("Out of range."))) from error


def Count(minimum: int = 0, maximum: int = INT_MAX, **kwargs) -> ma.fields.Integer:  # noqa: N802 - a field
    """An integer that fits an INTEGER column."""
    return ma.fields.Integer(validate=ma.validate.Range(minimum, maximum), **kwargs)


class Ref(ma.fields.Integer):
    """The id of an existing record of `model` (trashed ones do not count)."""

    def __init__(self, model: type, **kwargs):
        self.model = model
        kwargs.setdefault("allow_none", not kwargs.get("required", False))
        super().__init__(validate=ma.validate.Range(1, INT_MAX), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        record_id = super()._deserialize(value, attr, data, **kwargs)
        if 1 <= record_id <= INT_MAX and db.session.get(self.model, record_id) is None:
            raise ma.ValidationError(str(_l("There is no record with this id.")))
        return record_id


class RefList(ma.fields.List):
    """Ids of existing records of `model`, loaded as the records themselves
    (give `attribute=` the relationship, e.g. sector_ids for `sectors`)."""

    def __init__(self, model: type, **kwargs):
        self.model = model
        super().__init__(ma.fields.Integer(validate=ma.validate.Range(1, INT_MAX)), **kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return [record.id for record in value or []]

    def _deserialize(self, value, attr, data, **kwargs):
        ids = list(dict.fromkeys(super()._deserialize(value, attr, data, **kwargs)))
        records = [db.session.get(self.model, record_id) for record_id in ids]
        missing = [record_id for record_id, record in zip(ids, records) if record is None]
        if missing:
            raise ma.ValidationError(str(_l("There are no records with these ids: %(ids)s.",
                                            ids=", ".join(map(str, missing)))))
        return records
