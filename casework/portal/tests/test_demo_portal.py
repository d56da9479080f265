"""The demo council has a mother invited to the portal with her child's plan shared."""

import random
from typing import Any

from django.core import mail
from django.utils import timezone

from casework.demo.council import build_council
from casework.portal.demo import build_portal
from casework.portal.models import FamilyMember, Share


def test_the_demo_invites_a_mother_and_shares_a_plan(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        made = build_council(children=12, seed=2)["family portal accounts"]
    assert made == 1
    member = FamilyMember.objects.get()
    assert member.invited_by.username == "sam.worker"
    share = Share.objects.get()
    assert share.family_member == member
    assert share.version.document.kind == "plan"
    assert "/family/invitation/" in mail.outbox[-1].body


def test_the_demo_portal_needs_sam(db: None) -> None:
    assert build_portal(random.Random(1), timezone.localdate()) == 0
