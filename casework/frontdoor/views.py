import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.audit import services as audit
from casework.common.errors import RuleBroken
from casework.common.formviews import NothingLostFormView
from casework.frontdoor import access, selectors, services
from casework.frontdoor.forms import (
    AddPeopleForm,
    CheckForm,
    ContactForm,
    DecisionForm,
    Found,
    PeoplePickerForm,
)
from casework.frontdoor.models import Check, Contact
from casework.people import search as people_search
from casework.people import selectors as people_selectors


@require_safe
def tray(request: HttpRequest) -> HttpResponse:
    """The front-door tray: what is waiting for checks or a decision, and what is late."""
    user: Any = request.user
    access.check_may_read(user)
    today = timezone.localdate()
    view = request.GET.get("show", "")
    if view not in selectors.TRAY_VIEWS:
        view = "open"
    page = Paginator(selectors.tray(user, view, today), 50).get_page(request.GET.get("page"))
    counts = selectors.tray_counts(user, today)
    return render(
        request,
        "frontdoor/tray.html",
        {
            "page": page,
            "counts": counts,
            "count_cards": [
                ("awaiting_checks", "awaiting checks", counts.awaiting_checks),
                ("awaiting_decision", "awaiting decision", counts.awaiting_decision),
                ("due_today", "due today", counts.due_today),
                ("overdue", "overdue", counts.overdue),
            ],
            "view": view,
            "views": selectors.TRAY_VIEWS,
            "today": today,
            "is_manager": access.can_decide_contacts(user),
            "can_record": access.can_record_contacts(user),
        },
    )


@require_safe
def service_directory(request: HttpRequest) -> HttpResponse:
    """The council's services and programmes, for any member of staff to signpost families."""
    return render(request, "frontdoor/service_list.html", {"services": selectors.all_services()})


@require_safe
def contact_detail(request: HttpRequest, contact_id: uuid.UUID) -> HttpResponse:
    user: Any = request.user
    contact = access.contact_for_view(user, contact_id)
    subjects = list(contact.subjects.all())
    for subject in subjects:
        audit.record_view(user, subject.person_id, contact, summary="Read a contact")
    visible = set(
        people_selectors.visible_to(user)
        .filter(pk__in=[subject.person_id for subject in subjects])
        .values_list("pk", flat=True)
    )
    return render(
        request,
        "frontdoor/contact_detail.html",
        {
            "contact": contact,
            "subjects": subjects,
            "visible_people": visible,
            "today": timezone.localdate(),
            "can_record": access.can_record_contacts(user),
            "can_decide": access.can_decide_contacts(user) and not contact.is_decided,
            # An immediate risk goes straight on to a strategy discussion, held by a manager of
            # the team the children were referred to.
            "offer_strategy": contact.outcome == Contact.Outcome.STRATEGY_DISCUSSION
            and access.can_decide_contacts(user)
            and contact.referred_to_team_id is not None
            and contact.referred_to_team_id == user.team_id,
        },
    )


class PickPeopleView(NothingLostFormView):
    """A form that chooses people with the search built in (see PeoplePickerForm)."""

    found: list[Found]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "user": self.request.user,
            "found": getattr(self, "found", []),
            "preset": self.request.GET.getlist("person"),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.POST.get("action") != "find" or request.headers.get("X-Casework-Autosave"):
            return super().post(request, *args, **kwargs)
        self.load()
        query = request.POST.get("q", "").strip()[:100]
        self.found = (
            [
                Found(result.person, tuple(result.reasons))
                for result in people_search.search(request.user, query, limit=10)
            ]
            if query
            else []
        )
        form = self.form_class(data=request.POST, **self.get_form_kwargs())
        # Finding people is not submitting: nothing is checked or saved yet.
        form.show_errors = False
        return self.render_form(form, searched=query, found_count=len(self.found))


class NewContact(PickPeopleView):
    form_class = ContactForm
    template_name = "frontdoor/contact_form.html"
    title = "Take a contact"
    submit_label = "Save contact"
    success_message = "Contact saved"

    def load(self) -> None:
        access.check_may_record(self.request.user)

    def get_initial(self) -> dict[str, Any]:
        return ContactForm.defaults()

    def get_context(self) -> dict[str, Any]:
        return {"back_url": reverse("frontdoor:tray")}

    def submit(self, form: ContactForm) -> str:
        data = form.cleaned_data
        flags = set(data["flags"])
        contact = services.record_contact(
            self.request.user,
            received_at=form.received(),
            method=data["method"],
            source=data["source"],
            referrer_name=data["referrer_name"],
            referrer_organisation=data["referrer_organisation"],
            referrer_phone=data["referrer_phone"],
            concern=data["concern"],
            consent=data["consent"],
            consent_reason=data["consent_reason"],
            immediate_risk="immediate_risk" in flags,
            out_of_hours="out_of_hours" in flags,
            people=form.chosen(),
        )
        return contact.get_absolute_url()


class AddPeople(PickPeopleView):
    form_class = AddPeopleForm
    template_name = "frontdoor/contact_form.html"
    title = "Add people to the contact"
    submit_label = "Add to contact"
    success_message = "People added to the contact"
    contact: Contact

    def load(self) -> None:
        self.contact = access.contact_for_change(self.request.user, self.kwargs["contact_id"])

    def get_context(self) -> dict[str, Any]:
        return {"contact": self.contact, "back_url": self.contact.get_absolute_url()}

    def submit(self, form: PeoplePickerForm) -> str:
        chosen = form.chosen()
        if not chosen:
            raise RuleBroken("people", "Tick the people to add")
        for person, role in chosen:
            services.add_subject(self.request.user, self.contact, person, role=role)
        return self.contact.get_absolute_url()


class AddCheck(NothingLostFormView):
    form_class = CheckForm
    title = "Record a check"
    submit_label = "Save check"
    success_message = "Check saved"
    contact: Contact

    def load(self) -> None:
        self.contact = access.contact_for_change(self.request.user, self.kwargs["contact_id"])

    def get_initial(self) -> dict[str, Any]:
        # Casework's own record is a check the system can fill in; the practitioner reads it and
        # saves it as theirs.
        if self.request.GET.get("agency") == Check.Agency.CASEWORK:
            people = [subject.person for subject in self.contact.subjects.all()]
            return {
                "agency": Check.Agency.CASEWORK,
                "result": selectors.previous_involvement(people),
            }
        return {}

    def get_context(self) -> dict[str, Any]:
        return {"contact": self.contact, "back_url": self.contact.get_absolute_url()}

    def submit(self, form: CheckForm) -> str:
        data = form.cleaned_data
        services.record_check(
            self.request.user,
            self.contact,
            agency=data["agency"],
            result=data["result"],
            checks_complete=data["complete"] == "yes",
        )
        return self.contact.get_absolute_url()


class DecideContact(NothingLostFormView):
    form_class = DecisionForm
    template_name = "frontdoor/decide.html"
    title = "Decide on the contact"
    submit_label = "Record decision"
    success_message = "Decision recorded"
    contact: Contact

    def load(self) -> None:
        self.contact = access.contact_for_decision(self.request.user, self.kwargs["contact_id"])

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.load()
        if self.contact.is_decided:
            messages.info(request, "This contact has already been decided")
            return HttpResponseRedirect(self.contact.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_initial(self) -> dict[str, Any]:
        user: Any = self.request.user
        team = selectors.referral_teams().filter(pk=user.team_id).first()
        return {"version": self.contact.version, "team": team}

    def get_context(self) -> dict[str, Any]:
        return {
            "contact": self.contact,
            "subjects": list(self.contact.subjects.all()),
            "back_url": self.contact.get_absolute_url(),
        }

    def submit(self, form: DecisionForm) -> str:
        data = form.cleaned_data
        services.decide_contact(
            self.request.user,
            self.contact,
            expected_version=data["version"],
            outcome=data["outcome"],
            rationale=data["rationale"],
            risks_identified=data["risks_identified"],
            next_steps=data["next_steps"],
            services=list(data["services"]),
            team=data["team"],
        )
        return self.contact.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        contact = selectors.with_details(Contact.objects.all()).get(pk=current.pk)
        rows = [("Status", contact.get_status_display())]
        decision = contact.decision
        if decision is not None:
            rows += [
                ("Decision", decision.decision_label),
                (
                    "Decided by",
                    f"{decision.decided_by.display_name}, "
                    f"{timezone.localtime(decision.decided_at):%-d %B %Y at %H:%M}",
                ),
                ("Rationale", decision.rationale),
                ("Risks identified", decision.risks_identified or "None recorded"),
                ("Next steps", decision.next_steps or "None recorded"),
            ]
        checks = list(contact.checks.all())
        if checks:
            rows.append(
                (
                    "Checks",
                    "\n".join(f"{check.get_agency_display()}: {check.result}" for check in checks),
                )
            )
        rows.append(
            ("People", ", ".join(subject.person.full_name for subject in contact.subjects.all()))
        )
        return rows
