"""`flask translate extract|update|compile|init`: the one gettext catalog under translations/."""

from __future__ import annotations

from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import current_app
from flask.cli import AppGroup

translate_cli = AppGroup("translate", help="Extract, update and compile the UI translations.")


def _paths() -> tuple[Path, Path, Path]:
    directory = Path(current_app.config["BABEL_TRANSLATION_DIRECTORIES"])
    root = directory.parent
    return root, directory, directory / "messages.pot"


def _pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", "-q", *args])


@translate_cli.command("extract")
def extract():
    """Collect UI strings from Python code and templates into messages.pot."""
    root, _directory, pot = _paths()
    _pybabel("extract", "-F", str(root / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
             "--no-location", "--sort-output", "-o", str(pot), str(root / "webapp"))


@translate_cli.command("update")
def update():
    """Extract, then merge new strings into every language's catalog."""
    extract.callback()
    _root, directory, pot = _paths()
    _pybabel("update", "-i", str(pot), "-d", str(directory), "--no-fuzzy-matching")


@translate_cli.command("compile")
def compile_catalogs():
    """Compile .po catalogs to the .mo files the app reads."""
    _root, directory, _pot = _paths()
    # Fuzzy entries are guesses waiting for a translator: the page shows the English text instead.
    _pybabel("compile", "-d", str(directory))


@translate_cli.command("init")
@click.argument("language")
def init(language):
    """Start a catalog for a new LANGUAGE."""
    _root, directory, pot = _paths()
    _pybabel("init", "-i", str(pot), "-d", str(directory), "-l", language)
