"""Who may record and read management decisions.

Reading follows the person's record (people.access): whoever may open the child's record may read
the decisions on it. Recording one is for team managers only, and the service enforces it too.
"""

import uuid
from typing import Any

import rules

from casework.oversight.services import may_decide
from casework.people import access as people_access
from casework.people.models import Person


@rules.predicate
def can_record_decision(user: Any) -> bool:
    return may_decide(user)


rules.add_perm("oversight.record_decision", can_record_decision)


def person_for_decisions(user: Any, person_id: uuid.UUID) -> Person:
    """The person whose decisions `user` wants to read; 404 when they may not see the record."""
    return people_access.person_for_view(user, person_id)
