import io
import os

import pytest
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Company


@pytest.fixture
def upload(client):
    """Post a file to the upload form: upload(b"name\\n...", "companies.csv")."""

    def post(data: bytes, filename: str = "companies.csv"):
        return client.post("/import/", data={"file": (io.BytesIO(data), filename)},
                           content_type="multipart/form-data")

    return post


@pytest.fixture
def uploads_folder(app):
    return os.path.join(app.instance_path, "imports")


def company_names():
    return db.session.scalars(sa.select(Company.name).order_by(Company.id)).all()


@pytest.fixture(autouse=True)
def instance_in_tmp(app, tmp_path, monkeypatch):
    """Uploads go to a temporary instance folder, not the working tree's."""
    monkeypatch.setattr(app, "instance_path", str(tmp_path))
