"""Email templates that exist only in the tests (the app ships none of its own)."""

from __future__ import annotations

import pytest
from jinja2 import ChoiceLoader, DictLoader

TEMPLATES = {
    "testmail/emails/welcome.en.txt": "Subject: Welcome to {{ store_name }}\n\nHello {{ name }},\nwelcome!\n",
    "testmail/emails/welcome.fr.txt": "Subject: Bienvenue chez {{ store_name }}\n\nBonjour {{ name }},\n",
    "testmail/emails/welcome.en.html": "<p>Hello {{ name }}</p>",
    "testmail/emails/plain.en.txt": "Subject: Plain\nJust text.\n",
    "testmail/emails/escape.en.txt": "Subject: Hi\n{{ ''.__class__.__mro__ }}\n",
    "testmail/emails/globals.en.txt": "Subject: Hi\n{{ cycler.__init__.__globals__ }}\n",
    "testmail/emails/nosubject.en.txt": "Hello {{ name }}\n",
    "testmail/emails/undefined.en.txt": "Subject: Hi\n{{ missing.value }}\n",
}


@pytest.fixture
def email_templates(app, monkeypatch):
    monkeypatch.setattr(app, "jinja_loader", ChoiceLoader([DictLoader(TEMPLATES), app.jinja_loader]))
    return TEMPLATES


@pytest.fixture
def in_process(app):
    if app.extensions["orion.jobs"]["is_async"]:
        pytest.skip("the app has Redis: jobs go to a worker, not in-process")
