"""Fixtures of the catalog tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def owner(client, demo, login_as):
    login_as(demo.owner)
    return demo
