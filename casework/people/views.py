import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_POST, require_safe

from casework.audit import services as audit
from casework.audit.access import can_read_audit
from casework.cases import access as case_access
from casework.cases.case_summary import case_summary
from casework.common.errors import RuleBroken
from casework.common.formviews import NothingLostFormView
from casework.people import access, forms, search, selectors, services
from casework.people.models import Merge, Person


@require_safe
def person_list(request: HttpRequest) -> HttpResponse:
    """Find a person. With a search, ranked matches with the reason for each; without, a list."""
    query = request.GET.get("q", "").strip()[:200]
    context: dict[str, Any] = {
        "query": query,
        "can_create": access.may_create_unrelated_person(request.user),
        "create_asked": request.GET.get("create") == "1",
    }
    if query:
        context["results"] = search.search(request.user, query, limit=20)
        context["create_url"] = reverse("people:new") + "?" + urlencode({"q": query})
    else:
        people = selectors.visible_to(request.user).filter(merged_into__isnull=True)
        context["page"] = Paginator(
            people.order_by("family_name", "given_name", "pk"), 25
        ).get_page(request.GET.get("page"))
    return render(request, "people/person_list.html", context)


@require_safe
def person_detail(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The summary tab of the case record: who the person is and, for a child, where the case
    stands. The rest of the record is on the other tabs, so this page stays small."""
    user: Any = request.user
    person = access.person_for_view(user, person_id)
    audit.record_view(user, person.pk, person, summary="Opened the person's record")
    summary = case_summary(user, person, timezone.localdate()) if person.is_child else None
    allocation = summary.allocation if summary else None
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            # A child's summary has read them with everything else it shows.
            "warnings": summary.warnings if summary else selectors.active_warnings(person),
            "active_tab": "summary",
            "summary": summary,
            "allocation": allocation,
            "other_names": summary.other_names if summary else person.other_names.all(),
            # The person was loaded through visible_to, so only the role is left to decide.
            "can_change": access.may_change(user),
            "can_merge": access.may_merge(user),
            "can_allocate": case_access.may_allocate(user, allocation),
            "in_allocated_team": case_access.in_holding_team(user, allocation),
            "can_see_audit": can_read_audit(user),
        },
    )


@require_safe
def person_people(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The people tab: family and relationships, addresses, the professionals involved, and
    records merged into this one."""
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read the people tab")
    return render(
        request,
        "people/person_people.html",
        {
            "person": person,
            "warnings": selectors.active_warnings(person),
            "active_tab": "people",
            "addresses": person.addresses.all(),
            "relationships": selectors.relationships_of(person),
            "professionals": person.professionals.all(),
            "merges": Merge.objects.filter(Q(survivor=person) | Q(duplicate=person))
            .select_related("survivor", "duplicate", "merged_by")
            .order_by("-merged_at")[:10],
            "can_change": access.may_change(request.user),
            "can_merge": access.may_merge(request.user),
        },
    )


class PersonFormView(NothingLostFormView):
    """A form about one person the user may change."""

    person: Person

    def load(self) -> None:
        self.person = access.person_for_change(self.request.user, self.kwargs["person_id"])

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": selectors.active_warnings(self.person),
            "back_url": self.person.get_absolute_url(),
        }


class PeopleTabFormView(PersonFormView):
    """A form about the people around a person: it goes back to their people tab."""

    def tab_url(self) -> str:
        return reverse("people:people", args=[self.person.pk])

    def get_context(self) -> dict[str, Any]:
        return super().get_context() | {"back_url": self.tab_url()}


class CreatePerson(NothingLostFormView):
    form_class = forms.NewPersonForm
    title = "Create a new record"
    submit_label = "Create record"
    success_message = "Record created"
    related_to: Person | None = None
    duplicates: list[search.Result]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.searched = (request.GET.get("q") or request.POST.get("searched") or "").strip()
        if not self.searched and request.method == "GET":
            messages.info(request, "Search for the person first: they may already have a record.")
            target = reverse("people:list") + "?create=1"
            related = request.GET.get("related_to")
            if related:
                target += "&" + urlencode({"related_to": related})
            return HttpResponseRedirect(target)
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> None:
        self.duplicates = []
        related_id = self.request.GET.get("related_to") or self.request.POST.get("related_to")
        if related_id:
            self.related_to = access.person_for_change(self.request.user, related_id)
        elif not access.may_create_unrelated_person(self.request.user):
            if access.may_change(self.request.user):
                raise PermissionDenied(
                    "Add family members from the child's record; new children come in "
                    "through the front door"
                )
            raise PermissionDenied

    def get_initial(self) -> dict[str, Any]:
        words = [w for w in self.searched.split() if w.isalpha()]
        initial: dict[str, Any] = {}
        if len(words) >= 2:
            initial["given_name"], initial["family_name"] = words[0].title(), words[-1].title()
        elif words:
            initial["family_name"] = words[0].title()
        return initial

    def get_context(self) -> dict[str, Any]:
        return {
            "duplicates": self.duplicates,
            "hidden": {
                "searched": self.searched,
                "related_to": str(self.related_to.pk) if self.related_to else "",
            },
            "related_to": self.related_to,
            "back_url": reverse("people:list") + "?" + urlencode({"q": self.searched}),
        }

    def submit(self, form: forms.NewPersonForm) -> str:
        data = dict(form.cleaned_data)
        self.duplicates = search.likely_duplicates(
            self.request.user, data["given_name"], data["family_name"], data["date_of_birth"]
        )
        if self.duplicates and not data["confirm_new"]:
            raise RuleBroken(
                "confirm_new",
                "Check the records that may be this person: open one if it is, or confirm "
                "this is someone new",
            )
        if self.related_to is not None and not data["relationship"]:
            raise RuleBroken("relationship", "Select how this person is related to the child")
        details = {k: data[k] for k in services.DETAIL_FIELDS if k in data}
        person = services.create_person(self.request.user, **details)
        if self.related_to is not None:
            services.relate(
                self.request.user,
                person,
                self.related_to,
                kind=data["relationship"],
                parental_responsibility=data["parental_responsibility"],
            )
            return reverse("people:people", args=[self.related_to.pk])
        return person.get_absolute_url()


class ChangeDetails(PersonFormView):
    form_class = forms.PersonForm
    title = "Change personal details"
    success_message = "Details changed"

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.person, name) for name in services.DETAIL_FIELDS} | {
            "version": self.person.version
        }

    def submit(self, form: forms.PersonForm) -> str:
        data = form.cleaned_data
        changes = {k: data[k] for k in services.DETAIL_FIELDS if k in data}
        services.change_details(
            self.request.user, self.person, expected_version=data["version"], **changes
        )
        return self.person.get_absolute_url()

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            ("Name", current.full_name),
            ("Date of birth", str(current.date_of_birth or "")),
            ("NHS number", current.nhs_number),
        ]


class AddAddress(PeopleTabFormView):
    form_class = forms.AddressForm
    title = "Add an address"
    success_message = "Address added"

    def submit(self, form: forms.AddressForm) -> str:
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", "form_token"}}
        services.add_address(self.request.user, self.person, **data)
        return self.tab_url()


class AddOtherName(PersonFormView):
    form_class = forms.OtherNameForm
    title = "Add another name"
    success_message = "Name added"

    def submit(self, form: forms.OtherNameForm) -> str:
        data = form.cleaned_data
        services.add_other_name(
            self.request.user,
            self.person,
            kind=data["kind"],
            given_name=data["given_name"],
            family_name=data["family_name"],
        )
        return self.person.get_absolute_url()


class AddRelationship(PeopleTabFormView):
    form_class = forms.RelationshipForm
    title = "Add a relationship"
    success_message = "Relationship added"

    def submit(self, form: forms.RelationshipForm) -> str:
        data = form.cleaned_data
        other = (
            selectors.visible_to(self.request.user)
            .filter(la_id__iexact=data["other_la_id"].strip())
            .first()
        )
        if other is None:
            raise RuleBroken("other_la_id", "There is no one you can see with that council ID")
        services.relate(
            self.request.user,
            other,
            self.person,
            kind=data["kind"],
            parental_responsibility=data["parental_responsibility"],
        )
        return self.tab_url()


class AddProfessional(PeopleTabFormView):
    form_class = forms.ProfessionalForm
    title = "Add a professional involved"
    success_message = "Professional added"

    def submit(self, form: forms.ProfessionalForm) -> str:
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"version", "form_token"}}
        services.add_professional(self.request.user, self.person, **data)
        return self.tab_url()


class AddWarning(PersonFormView):
    form_class = forms.WarningForm
    title = "Add a warning"
    success_message = "Warning added: everyone opening this record will see it"

    def submit(self, form: forms.WarningForm) -> str:
        data = form.cleaned_data
        services.add_warning(
            self.request.user, self.person, kind=data["kind"], detail=data["detail"]
        )
        return self.person.get_absolute_url()


class MergeRecords(PersonFormView):
    form_class = forms.MergeForm
    title = "Merge a duplicate record into this one"
    submit_label = "Merge records"
    success_message = "Records merged. You can undo this from the record's history."

    def load(self) -> None:
        super().load()
        if not access.may_merge(self.request.user):
            raise PermissionDenied("Only the front door and team managers merge records")

    def submit(self, form: forms.MergeForm) -> str:
        data = form.cleaned_data
        duplicate = (
            selectors.visible_to(self.request.user)
            .filter(la_id__iexact=data["duplicate_la_id"].strip(), merged_into__isnull=True)
            .first()
        )
        if duplicate is None:
            raise RuleBroken("duplicate_la_id", "There is no one you can see with that council ID")
        services.merge(self.request.user, self.person, duplicate, reason=data["reason"])
        return self.person.get_absolute_url()


@require_POST
def undo_merge(request: HttpRequest, person_id: uuid.UUID, merge_id: uuid.UUID) -> HttpResponse:
    person = access.person_for_change(request.user, person_id)
    if not access.may_merge(request.user):
        raise PermissionDenied("Only the front door and team managers merge records")
    record = Merge.objects.filter(pk=merge_id, survivor=person).first()
    if record is None:
        raise Http404
    try:
        services.undo_merge(request.user, record)
    except RuleBroken as broken:
        messages.error(request, broken.message)
    else:
        messages.success(request, "The merge was undone: both records are back as they were.")
    return HttpResponseRedirect(person.get_absolute_url())
