"""The Nu HTML Checker finds no error on the main pages of every frontend (full demo data).

The pages are fetched with the test client, signed in as each frontend's user, written to one
folder and checked in a single run of vnu.jar (one JVM start for all of them).
"""

from __future__ import annotations

import json
import subprocess  # nosec B404 - runs the pinned checker from node_modules
from pathlib import Path

from tests.fixtures.clients import OrionClient
from tests.fixtures.tools import VNU_JAR, require_file, require_java
from tests.fixtures.tour import prepare


def fetch_pages(app, frontend, folder: Path) -> dict[str, str]:
    """Write each page of `frontend` to `folder`; return file name -> "frontend: page (path)"."""
    client = OrionClient(app, app.response_class, use_cookies=True)  # CSRF tokens sent as a browser would

    def post(path: str, data: dict) -> None:
        response = client.post(path, data=data)
        assert response.status_code in (200, 303), f"POST {path}: {response.status_code}"

    prepare(frontend, post)
    names = {}
    for index, (name, path) in enumerate(frontend.pages):
        response = client.get(path)
        assert response.status_code == 200, f"{frontend.name} {name}: GET {path} answered {response.status_code}"
        file = folder / f"{frontend.name}-{index:02d}.html"
        file.write_bytes(response.get_data())
        names[file.name] = f"{frontend.name}: {name} ({path})"
    return names


def run_vnu(java: str, files: list[Path]) -> list[dict]:
    result = subprocess.run([java, "-Xss1m", "-jar", str(VNU_JAR), "--format", "json", "--exit-zero-always",  # nosec B603
                             *map(str, files)], capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stderr or result.stdout)["messages"]


def test_the_main_pages_of_every_frontend_are_valid_html(app, main_pages, tmp_path):
    java, _ = require_java(), require_file(VNU_JAR, "the Nu HTML Checker (vnu-jar)")
    names = {}
    for frontend in main_pages.values():
        names |= fetch_pages(app, frontend, tmp_path)
    assert len(names) >= 30

    messages = run_vnu(java, sorted(tmp_path.glob("*.html")))
    errors: dict[str, list[str]] = {}
    for message in messages:
        if message.get("type") == "error" or message.get("subType") == "fatal":
            page = names.get(Path(message.get("url", "")).name, message.get("url", "?"))
            errors.setdefault(page, []).append(
                f"  line {message.get('lastLine', '?')}: {message['message']} [{message.get('extract', '').strip()}]")
    report = "\n".join(f"{page}\n" + "\n".join(lines) for page, lines in sorted(errors.items()))
    assert not errors, f"vnu found {sum(map(len, errors.values()))} errors:\n{report}"
