"""One view class that gives every Casework form the nothing-lost guarantees:

- an autosave request (sent every few seconds by autosave.js while someone types, and just before
  a time-out) stores a server-side draft keyed by the form's URL; the next visit restores it;
- invalid input comes back with status 400, a GOV.UK error summary and every message naming its
  field, and nothing is written;
- a rule broken in the service comes back the same way, against the field it concerns;
- an edit based on an old version comes back with status 409, the other person's saved values
  shown beside the editor's own, which are kept for re-submission;
- the same form submitted twice does the work once (the form token is recorded in the same
  transaction as the change).
"""

from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from casework.common import services as drafts
from casework.common.errors import RuleBroken, StaleVersion
from casework.common.forms import NothingLostForm
from casework.common.models import SubmissionReceipt


class NothingLostFormView(View):
    form_class: type[NothingLostForm]
    template_name = "common/form_page.html"
    title = ""
    submit_label = "Save"
    success_message = ""
    autosave = True

    def load(self) -> None:
        """Fetch the objects this form works on and check access (404 or 403). Runs first on
        every request, autosave included."""

    def get_initial(self) -> dict[str, Any]:
        return {}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_context(self) -> dict[str, Any]:
        return {}

    def submit(self, form: Any) -> str:
        """Call the service; return where to go next. May raise RuleBroken or StaleVersion."""
        raise NotImplementedError

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        """The other person's saved values, as (label, value) rows."""
        return []

    # ------------------------------------------------------------------------------------------
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        draft = drafts.find_draft(request.user, request.path) if self.autosave else None
        if draft is not None:
            form = self.form_class(data=drafts.draft_as_querydict(draft), **self.get_form_kwargs())
            form.show_errors = False
        else:
            form = self.form_class(initial=self.get_initial(), **self.get_form_kwargs())
        return self.render_form(form, draft=draft)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user: Any = request.user
        self.load()
        if request.headers.get("X-Casework-Autosave") and self.autosave:
            draft = drafts.save_draft(
                user, request.path, drafts.form_data_for_draft(request.POST), self.title
            )
            return render(
                request, "common/draft_saved.html", {"saved_at": draft.saved_at}, status=200
            )
        form = self.form_class(data=request.POST, files=request.FILES, **self.get_form_kwargs())
        if not form.is_valid():
            return self.render_form(form, status=400)
        token = form.cleaned_data.get("form_token")
        if token is not None:
            receipt = SubmissionReceipt.objects.filter(token=token, user=user).first()
            if receipt is not None:
                return HttpResponseRedirect(receipt.redirect_to)
        try:
            with transaction.atomic():
                next_url = self.submit(form)
                if token is not None:
                    SubmissionReceipt.objects.create(token=token, user=user, redirect_to=next_url)
                drafts.discard_draft(user, request.path)
        except RuleBroken as broken:
            form.add_error(broken.field if broken.field in form.fields else None, broken.message)
            return self.render_form(form, status=400)
        except StaleVersion as stale:
            return self.render_conflict(form, stale.current)
        except IntegrityError:
            if token is None:
                raise
            receipt = SubmissionReceipt.objects.filter(token=token, user=user).first()
            if receipt is None:
                raise
            return HttpResponseRedirect(receipt.redirect_to)
        if self.success_message:
            messages.success(request, self.success_message)
        return HttpResponseRedirect(next_url)

    # ------------------------------------------------------------------------------------------
    def render_form(
        self, form: Any, status: int = 200, draft: Any = None, **extra: Any
    ) -> HttpResponse:
        context = {
            "form": form,
            "title": self.title,
            "submit_label": self.submit_label,
            "autosave": self.autosave,
            "draft": draft,
            "now": timezone.now(),
            **self.get_context(),
            **extra,
        }
        return render(self.request, self.template_name, context, status=status)

    def render_conflict(self, form: Any, current: Any) -> HttpResponse:
        # Keep everything the editor typed, but move the form onto the saved version so that
        # submitting again is a conscious choice to replace the other person's change.
        data = form.data.copy()
        data["version"] = str(current.version)
        fresh = self.form_class(data=data, files=form.files, **self.get_form_kwargs())
        fresh.is_valid()
        return self.render_form(
            fresh,
            status=409,
            conflict=self.describe_conflict(current),
            conflict_by=getattr(current, "updated_by", None),
            conflict_at=getattr(current, "updated_at", None),
        )
