"""The demo council has a mother with a family portal account, her child's plan shared with her,
and seeding it sends no email."""

import random
import re
from typing import Any

from django.core import mail
from django.test import Client
from django.utils import timezone

from casework.demo.council import build_council
from casework.portal.demo import DEMO_EMAIL, build_portal
from casework.portal.models import FamilyDate, FamilyMember, Share


def test_the_demo_mother_can_sign_in_and_read_her_childs_plan(
    db: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        made = build_council(children=12, seed=2)["family portal accounts"]
    assert made == 1
    # Seeding is quiet: no invitation is printed by the console mail backend.
    assert not mail.outbox
    member = FamilyMember.objects.get()
    assert member.invited_by.username == "sam.worker"
    assert member.status == FamilyMember.Status.ACTIVE
    share = Share.objects.get()
    assert share.family_member == member
    assert share.version.document.kind == "plan"

    born = member.person.date_of_birth
    assert born is not None
    client = Client()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/family/sign-in/",
            {
                "email": DEMO_EMAIL,
                "date_of_birth_day": str(born.day),
                "date_of_birth_month": str(born.month),
                "date_of_birth_year": str(born.year),
            },
        )
    code = re.search(r"Your code is (\d{6})", str(mail.outbox[-1].body))
    assert code is not None
    assert client.post(response["Location"], {"code": code.group(1)}).status_code == 302
    assert client.get(f"/family/shared/{share.pk}/").status_code == 200
    # Her child's next meeting is shown to her, for her views before it.
    assert FamilyDate.objects.filter(kind=FamilyDate.Kind.MEETING, members=member).exists()
    assert b"Add your views before the child in need meeting" in client.get("/family/").content


def test_the_demo_portal_needs_sam(db: None) -> None:
    assert build_portal(random.Random(1), timezone.localdate()) == 0
