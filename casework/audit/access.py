from typing import Any

import rules

from casework.accounts.models import Role

AUDIT_READERS = frozenset({Role.ADMIN, Role.HEAD_OF_SERVICE})


@rules.predicate
def can_read_audit(user: Any) -> bool:
    return getattr(user, "role", None) in AUDIT_READERS


rules.add_perm("audit.view_person_trail", can_read_audit)
