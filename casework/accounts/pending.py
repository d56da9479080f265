"""Keeping a form that arrived after the session timed out.

A form page carries a signed marker of whoever opened it. If the form is posted after the session
has ended, the middleware keeps the posted fields in the new anonymous session; when the same
person signs in again they become that person's draft for that page. If someone else signs in,
the fields are thrown away: one worker's notes never reach another's screen.
"""

from typing import Any

from django.core import signing
from django.http import HttpRequest

from casework.common import services as drafts

SALT = "casework.form-owner"
SESSION_KEY = "casework_pending_post"
OWNER_FIELD = "_owner"


def owner_marker(user: Any) -> str:
    return signing.dumps(user.pk, salt=SALT)


def stash(request: HttpRequest) -> bool:
    marker = request.POST.get(OWNER_FIELD, "")
    try:
        owner = signing.loads(marker, salt=SALT)
    except signing.BadSignature:
        return False
    request.session[SESSION_KEY] = {
        "owner": owner,
        "path": request.path,
        "data": drafts.form_data_for_draft(request.POST),
    }
    return True


def restore(request: HttpRequest, user: Any) -> str | None:
    """Turn a stashed post into the user's draft; return the page to go back to."""
    pending = request.session.pop(SESSION_KEY, None)
    if not pending or pending.get("owner") != user.pk:
        return None
    data = {k: v for k, v in pending["data"].items() if k != OWNER_FIELD}
    drafts.save_draft(user, pending["path"], data, title="Saved when your session timed out")
    return str(pending["path"])
