"""Junk input never causes a 500 on the team's forms: property-based tests (Hypothesis)."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.modules.tenancy.team_helpers import TEAM

pytestmark = pytest.mark.usefixtures("isolated_requests")

JUNK = st.one_of(st.text(max_size=300), st.sampled_from(["\x00", "role-", "role-0", "role-1" + "9" * 5000, "owner",
                                                         "<script>x</script>", "x" * 100_000, "", " ", "a@b.c"]))
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def owner(client, demo, login_as):
    login_as(demo.owner)
    return demo


@SETTINGS
@given(email=JUNK, role=JUNK)
def test_invite_answers_303_or_422(client, owner, email, role):
    response = client.post(f"{TEAM}/invitations", data={"email": email, "role": role})
    assert response.status_code in (303, 422)


@SETTINGS
@given(name=JUNK, permissions=st.lists(JUNK, max_size=4), member=JUNK)
def test_role_and_member_forms_answer_without_a_500(client, owner, name, permissions, member):
    response = client.post(f"{TEAM}/roles", data={"name": name, "permissions": permissions})
    assert response.status_code in (303, 422)
    response = client.post(f"{TEAM}/members/1/role", data={"role": name})
    assert response.status_code in (303, 403, 404, 422)
    response = client.post(f"{TEAM}/ownership", data={"member": member, "confirm": name})
    assert response.status_code in (303, 422)


@SETTINGS
@given(token=JUNK, name=JUNK, password=JUNK)
def test_invitation_links_answer_400_or_410(client, demo, token, name, password):
    path = f"/auth/invitations/{quote(token, safe='') or 'x'}"
    assert client.get(path).status_code in (400, 404, 308)
    response = client.post(path, data={"name": name, "password": password, "password_confirm": password})
    assert response.status_code in (400, 404, 308, 429)  # 429: the POST shares the sign-in rate limit
