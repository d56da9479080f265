"""Who may see and act on contacts, and the loaders views and endpoints use.

Front-door practitioners and team managers see every contact and record contacts and checks;
only team managers decide. Social workers see the contacts about people they can see, and change
none. Analysts and heads of service read everything and change nothing (403). Anyone else gets
404, so a contact's existence is not leaked.
"""

import uuid
from typing import Any

import rules
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from casework.accounts.models import Role
from casework.frontdoor import selectors
from casework.frontdoor.models import Contact
from casework.oversight.services import may_decide

RECORDING_ROLES = frozenset({Role.FRONT_DOOR, Role.TEAM_MANAGER})
# Roles that read at least some contacts: for them a write they may not make is 403, not 404.
READING_ROLES = selectors.ALL_CONTACT_ROLES | {Role.SOCIAL_WORKER}


def _role(user: Any) -> str | None:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    role: str = user.role
    return role


@rules.predicate
def can_use_front_door(user: Any) -> bool:
    return _role(user) in READING_ROLES


@rules.predicate
def can_record_contacts(user: Any) -> bool:
    return _role(user) in RECORDING_ROLES


@rules.predicate
def can_decide_contacts(user: Any) -> bool:
    return may_decide(user)


@rules.predicate
def can_view_contact(user: Any, contact: Contact) -> bool:
    return selectors.visible_to(user).filter(pk=contact.pk).exists()


rules.add_perm("frontdoor.use_front_door", can_use_front_door)
rules.add_perm("frontdoor.record_contact", can_record_contacts)
rules.add_perm("frontdoor.view_contact", can_view_contact)
rules.add_perm("frontdoor.change_contact", can_view_contact & can_record_contacts)
rules.add_perm("frontdoor.decide_contact", can_view_contact & can_decide_contacts)


def check_may_read(user: Any) -> None:
    """For the tray and lists: 404 for roles with no part in the front door."""
    if not can_use_front_door(user):
        raise Http404("No such page")


def check_may_record(user: Any) -> None:
    """For taking a new contact: 403 for roles that read contacts, 404 for the rest."""
    check_may_read(user)
    if not can_record_contacts(user):
        raise PermissionDenied("Only the front door and team managers record contacts")


def _load(user: Any, contact_id: uuid.UUID | str) -> Contact:
    try:
        return selectors.with_details(selectors.visible_to(user)).get(pk=contact_id)
    except (Contact.DoesNotExist, ValueError, TypeError, ValidationError):
        raise Http404("No contact with that id") from None


def contact_for_view(user: Any, contact_id: uuid.UUID | str) -> Contact:
    return _load(user, contact_id)


def contact_for_change(user: Any, contact_id: uuid.UUID | str) -> Contact:
    """For checks and adding people: the front door and team managers."""
    contact = _load(user, contact_id)
    if not can_record_contacts(user):
        raise PermissionDenied("Your role can read this contact but not change it")
    return contact


def contact_for_decision(user: Any, contact_id: uuid.UUID | str) -> Contact:
    contact = _load(user, contact_id)
    if not can_decide_contacts(user):
        raise PermissionDenied("Only a team manager can decide a contact")
    return contact
