"""The staff-account pages that need a state to reach are valid HTML and carry no inline script."""

from __future__ import annotations

from tests.fixtures.tools import VNU_JAR, require_file, require_java
from tests.integration.test_html_validity import run_vnu
from tests.modules.tenancy.accounts import NOW, PASSWORD, code, emails, freeze, link_in, path_of


def test_enrolment_recovery_codes_code_step_and_reset_pages_are_valid_html(client, demo, login_as, monkeypatch,
                                                                          tmp_path):
    java, _ = require_java(), require_file(VNU_JAR, "the Nu HTML Checker (vnu-jar)")
    pages = {}
    login_as(demo.owner)
    freeze(monkeypatch)
    client.post("/auth/account/two-factor/start")
    pages["enrolment"] = client.get("/auth/account/two-factor")
    secret = pages["enrolment"].get_data(as_text=True).split('<code class="secret-key">')[1].split("<")[0]
    pages["recovery codes"] = client.post("/auth/account/two-factor/confirm",
                                          data={"code": code(secret.replace(" ", ""), NOW)})
    pages["two-factor on"] = client.get("/auth/account/two-factor")
    pages["profile with errors"] = client.post("/auth/account/password", data={"current_password": "x"})
    client.post("/auth/logout")
    client.post("/auth/login", data={"email": demo.owner.email, "password": PASSWORD})
    pages["code step"] = client.get("/auth/login/code")
    pages["wrong code"] = client.post("/auth/login/code", data={"code": "000000"})
    client.post("/auth/password/forgot", data={"email": demo.admin.email})
    reset = path_of(link_in(emails()[-1].body_text))
    pages["reset"] = client.get(reset)
    pages["reset invalid"] = client.get(reset + "x")
    assert [response.status_code for response in pages.values()] == [200, 200, 200, 422, 200, 422, 200, 400]

    files = []
    for index, (name, response) in enumerate(pages.items()):
        html = response.get_data(as_text=True)
        assert "<script>" not in html and " style=" not in html, name
        files.append(tmp_path / f"{index:02d}.html")
        files[-1].write_text(html)
    errors = [f"{list(pages)[int(m['url'].rsplit('/', 1)[1][:2])]}: {m['message']}"
              for m in run_vnu(java, files) if m.get("type") == "error" or m.get("subType") == "fatal"]
    assert not errors, "\n".join(errors)

