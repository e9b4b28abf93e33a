"""`flask orion check`: the architecture rules of the module system, each with a rule id."""

from webapp.framework.checks.findings import RULES, Finding
from webapp.framework.checks.runner import run_checks

__all__ = ["RULES", "Finding", "run_checks"]
