"""Writes for the shared pieces: drafts and submission receipts."""

from typing import Any

from django.http import QueryDict

from casework.common.models import Draft

# Never keep these in a draft: the CSRF token is per session, and the form token must be fresh.
NOT_DRAFTED = {"csrfmiddlewaretoken"}


def form_data_for_draft(data: QueryDict) -> dict[str, list[str]]:
    return {key: values for key, values in data.lists() if key not in NOT_DRAFTED}


def save_draft(user: Any, path: str, data: dict[str, list[str]], title: str = "") -> Draft:
    draft, _ = Draft.objects.update_or_create(
        user=user, key=path, defaults={"path": path, "data": data, "title": title[:200]}
    )
    return draft


def discard_draft(user: Any, path: str) -> None:
    Draft.objects.filter(user=user, key=path).delete()


def find_draft(user: Any, path: str) -> Draft | None:
    return Draft.objects.filter(user=user, key=path).first()


def draft_as_querydict(draft: Draft) -> QueryDict:
    result = QueryDict(mutable=True)
    for key, values in draft.data.items():
        result.setlist(key, values if isinstance(values, list) else [values])
    return result
