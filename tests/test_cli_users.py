"""`crm create-user`."""
import sqlalchemy as sa

from crm.extensions import db
from crm.models import Office, Role, User


def test_create_user_creates_the_office_when_new(runner):
    result = runner.invoke(
        args=["create-user", "li.wei@jinan-hitech.cn", "--office", "Jinan", "--role", "manager",
              "--timezone", "Asia/Shanghai", "--password-stdin"],
        input="a long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(sa.select(User).where(User.email == "li.wei@jinan-hitech.cn"))
    assert user.role is Role.MANAGER
    assert user.office.name == "Jinan" and user.office.timezone == "Asia/Shanghai"
    assert user.check_password("a long enough secret")


def test_create_user_reuses_an_existing_office(runner, office):
    result = runner.invoke(
        args=["create-user", "anna@dresden.de", "--office", office.name, "--password-stdin"],
        input="a long enough secret\n",
    )
    assert result.exit_code == 0, result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Office)) == 1


def test_create_user_refuses_a_short_password(runner):
    result = runner.invoke(
        args=["create-user", "anna@dresden.de", "--office", "X", "--password-stdin"], input="short\n"
    )
    assert result.exit_code == 1
    assert "at least 10 characters" in result.output
    assert db.session.scalar(sa.select(sa.func.count()).select_from(User)) == 0


def test_create_user_refuses_a_duplicate_email(runner, staff):
    result = runner.invoke(args=["create-user", staff.email, "--office", "X", "--password-stdin"],
                           input="a long enough secret\n")
    assert result.exit_code == 1
    assert "exists already" in result.output


def test_create_user_refuses_an_unknown_role(runner):
    result = runner.invoke(
        args=["create-user", "anna@dresden.de", "--office", "X", "--role", "boss", "--password-stdin"],
        input="a long enough secret\n",
    )
    assert result.exit_code == 2
