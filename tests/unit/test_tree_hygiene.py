"""The committed tree carries no leftovers of a merge: a stray marker silently breaks a stylesheet."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MARKER = re.compile(r"^(<<<<<<< |=======$|>>>>>>> )", re.M)
TEXT = (".py", ".html", ".css", ".js", ".md", ".po", ".pot", ".toml", ".yml", ".cfg", ".sql", ".xml")


def tracked_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=False)
    names = listed.stdout.split() if listed.returncode == 0 else []
    return [ROOT / name for name in names if name.endswith(TEXT)]


def test_no_file_holds_a_merge_conflict_marker():
    files = tracked_files() or [p for p in (ROOT / "webapp").rglob("*") if p.suffix in TEXT]
    marked = [str(path.relative_to(ROOT)) for path in files
              if path.is_file() and MARKER.search(path.read_text(encoding="utf-8", errors="ignore"))]
    assert marked == []
