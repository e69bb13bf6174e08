"""Fixtures of the editorial workflow tests, loaded for every test by tests/conftest.py."""

import pytest

from editorial.setup import setup_editorial
from tests.editorial_helpers import ROLE_GROUPS, ROLES, make_user


@pytest.fixture
def editorial_site(site_structure):
    setup_editorial()
    return site_structure


@pytest.fixture
def users(editorial_site):
    """One user per role, in the real groups, plus a superuser."""
    people = {role: make_user(role, ROLE_GROUPS[role]) for role in ROLES}
    people["admin"] = make_user("admin", superuser=True)
    return people
