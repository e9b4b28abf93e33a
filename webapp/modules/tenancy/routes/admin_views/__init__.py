"""Admin view functions of tenancy, one file per area; `routes/admin.py` registers them on its blueprint."""

from __future__ import annotations

from collections.abc import Callable

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.modules.tenancy.exceptions import InvalidFields
from webapp.modules.tenancy.views import show_problems


def save_audited(form, again: Callable, *, snapshot: Callable[[], dict], update: Callable[[], object], action: str,
                 target_type: str, target_id, **scope):
    """The POST of every admin edit form: validate, apply `update`, audit `snapshot()` before → after, commit.

    Returns `again()` (the form with its errors, to answer 422) when refused, None once saved.
    """
    if not form.validate():
        return again()
    before = snapshot()
    try:
        update()
    except InvalidFields as error:
        db.session.rollback()
        problems = error.details["fields"]
        show_problems(form, problems if isinstance(problems, dict) else dict.fromkeys(problems, "invalid"))
        return again()
    audit(action, target_type=target_type, target_id=target_id, before=before, after=snapshot(), **scope)
    db.session.commit()
    return None
