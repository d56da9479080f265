"""Pages of the family portal (under /family/) and the staff pages that share documents from
the child's record and read what families send back."""

import uuid
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from casework.audit import services as audit
from casework.cases.models import Document, DocumentVersion
from casework.common.errors import RuleBroken
from casework.common.formviews import NothingLostFormView
from casework.meetings import access as meetings_access
from casework.meetings.models import Meeting
from casework.oversight.services import may_decide
from casework.people import access as people_access
from casework.people import selectors as people_selectors
from casework.people.models import Person
from casework.plans import access as plans_access
from casework.portal import access, documents, selectors, services, upcoming
from casework.portal.forms import (
    ApprovalRulesForm,
    ApproveShareForm,
    CodeForm,
    DateOfBirthForm,
    DateViewsForm,
    FamilyUploadForm,
    InviteForm,
    RedactForm,
    ShareForm,
    ShowDateForm,
    ShowMeetingForm,
    SignInForm,
    ViewsForm,
)
from casework.portal.models import FamilyContribution, FamilyMember, Share, SignInCode

STAFF_FORM = "portal/staff_form.html"


# Staff: sharing from the record ----------------------------------------------------------------


@require_safe
def person_sharing(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """What has been shared about this child, with whom, when, and when they opened it."""
    person = access.person_for_view(request.user, person_id)
    audit.record_view(request.user, person.pk, person, summary="Read sharing with the family")
    return render(
        request,
        "portal/person_sharing.html",
        {
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "shares": selectors.shares_for_child(person),
            "accounts": selectors.accounts_for_child(person),
            "contributions": selectors.contributions_for_child(person),
            "documents": selectors.documents_for(person),
            "dates": selectors.dates_for_child(person)[:50],
            "meetings": selectors.meetings_to_show(person, timezone.localdate())[:20],
            "can_change": people_access.may_change(request.user),
            "can_approve": may_decide(request.user),
        },
    )


class _PersonForm(NothingLostFormView):
    template_name = STAFF_FORM
    autosave = False
    person: Person

    def load(self) -> None:
        self.person = access.person_for_change(self.request.user, self.kwargs["person_id"])

    def get_context(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "warnings": people_selectors.active_warnings(self.person),
            "back_url": reverse("portal:person_sharing", args=[self.person.pk]),
        }


class InviteFamilyMember(_PersonForm):
    form_class = InviteForm
    title = "Invite someone to the family portal"
    submit_label = "Send the invitation"
    success_message = "Invitation sent"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"people": services.eligible_people(self.person)}

    def submit(self, form: InviteForm) -> str:
        services.invite(
            self.request.user,
            self.person,
            person=form.cleaned_data["person"],
            email=form.cleaned_data["email"],
            base_url=self.request.build_absolute_uri("/"),
        )
        return reverse("portal:person_sharing", args=[self.person.pk])


class ShareVersion(_PersonForm):
    """The confirm step: shows exactly which version goes to whom, and asks the worker to
    confirm third-party information is out of it."""

    form_class = ShareForm
    title = "Share a document with the family"
    submit_label = "Share this version"
    success_message = "Shared"
    version: DocumentVersion

    def load(self) -> None:
        super().load()
        version = (
            DocumentVersion.objects.select_related("document", "uploaded_by")
            .filter(
                document_id=self.kwargs["document_id"],
                document__person=self.person,
                number=self.kwargs["number"],
            )
            .first()
        )
        if version is None:
            raise Http404("No such version")
        self.version = version

    def get_form_kwargs(self) -> dict[str, Any]:
        members = selectors.live_accounts_for_child(self.person)
        return {"members": members}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit.record_view(
            request.user,
            self.person.pk,
            self.version,
            summary=f"Checked {self.version} before sharing it with the family",
        )
        return response

    def get_context(self) -> dict[str, Any]:
        document = self.version.document
        content = selectors.content_of(self.version)
        if content is not None:
            # Made from the record: the redacted copy is made here, passage by passage.
            redact_url = reverse(
                "portal:redact", args=[self.person.pk, document.pk, self.version.number]
            )
        else:
            redact_url = reverse("cases:add_version", args=[self.person.pk, document.pk])
        return {
            **super().get_context(),
            "shown_version": self.version,
            "content": content,
            "needs_approval": services.needs_approval(document.kind),
            "redact_url": redact_url,
            "download_url": reverse(
                "cases:download", args=[self.person.pk, document.pk, self.version.number]
            ),
        }

    def submit(self, form: ShareForm) -> str:
        share = services.share_version(
            self.request.user,
            self.version,
            family_member=form.cleaned_data["family_member"],
            third_party_removed=form.cleaned_data["third_party_removed"],
            message=form.cleaned_data["message"],
        )
        if share.status == Share.Status.AWAITING_APPROVAL:
            self.success_message = "Sent to a team manager to approve before the family sees it"
        return reverse("portal:person_sharing", args=[self.person.pk])


class ApproveShare(_PersonForm):
    form_class = ApproveShareForm
    title = "Approve sharing with the family"
    submit_label = "Approve and share"
    success_message = "Approved: the family can see it now"
    share: Share

    def load(self) -> None:
        self.share = access.share_for_approval(
            self.request.user, self.kwargs["person_id"], self.kwargs["share_id"]
        )
        self.person = self.share.child

    def get_context(self) -> dict[str, Any]:
        return {**super().get_context(), "shown_version": self.share.version, "share": self.share}

    def submit(self, form: ApproveShareForm) -> str:
        services.approve_share(
            self.request.user, self.share, rationale=form.cleaned_data["rationale"]
        )
        return reverse("portal:person_sharing", args=[self.person.pk])


class RedactVersion(_PersonForm):
    """A redacted copy of a document made from the record: each passage in its own box, to
    change or empty. The copy is kept as a new version; the original is untouched."""

    form_class = RedactForm
    autosave = True
    title = "Make a redacted version"
    submit_label = "Save the redacted version"
    success_message = "Redacted version saved. Check it, then share it"
    version: DocumentVersion

    def load(self) -> None:
        self.version = access.prepared_version_for_change(
            self.request.user,
            self.kwargs["person_id"],
            self.kwargs["document_id"],
            self.kwargs["number"],
        )
        self.person = self.version.document.person

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit.record_view(
            request.user,
            self.person.pk,
            self.version,
            summary=f"Opened {self.version} to make a redacted version",
        )
        return response

    def get_form_kwargs(self) -> dict[str, Any]:
        content = self.version.portal_content
        return {"passages": documents.passages(content.content)}

    def get_context(self) -> dict[str, Any]:
        return {
            **super().get_context(),
            "shown_version": self.version,
            "document_heading": "The version you are starting from",
            "back_url": _share_url(self.version),
            "intro": "Change or delete anything about other people (third parties): names, what "
            "they said, where they live. A box you empty shows as “removed before sharing”. "
            "The version you started from stays on the record as it is.",
        }

    def submit(self, form: RedactForm) -> str:
        redacted = services.redact_version(
            self.request.user, self.version, texts=form.texts(), note=form.cleaned_data["note"]
        )
        return _share_url(redacted)


def _share_url(version: DocumentVersion) -> str:
    document = version.document
    return reverse("portal:share_version", args=[document.person_id, document.pk, version.number])


@require_safe
def prepare_list(request: HttpRequest, person_id: uuid.UUID) -> HttpResponse:
    """The records on the child's file that can be made into a PDF to share."""
    person = access.person_for_change(request.user, person_id)
    audit.record_view(
        request.user, person.pk, person, summary="Read the records that can be shared"
    )
    return render(
        request,
        "portal/prepare.html",
        {
            "person": person,
            "warnings": people_selectors.active_warnings(person),
            "candidates": documents.candidates_for(person),
        },
    )


@require_POST
def prepare(
    request: HttpRequest, person_id: uuid.UUID, source: str, record_id: uuid.UUID
) -> HttpResponse:
    person, record = access.record_for_prepare(request.user, person_id, source, record_id)
    version = services.prepare_document(request.user, person, source=source, record=record)
    messages.success(request, "PDF made. Check what it says, then share it")
    return HttpResponseRedirect(_share_url(version))


class ShowDate(_PersonForm):
    """Show the family an upcoming review, meeting or visit from the child's plans."""

    form_class = ShowDateForm
    title = "Show a date to the family"
    submit_label = "Show this date"
    success_message = "The family can see the date now"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "candidates": upcoming.date_candidates(self.person),
            "members": selectors.live_accounts_for_child(self.person),
        }

    def get_context(self) -> dict[str, Any]:
        if not upcoming.date_candidates(self.person):
            intro = (
                "There is no upcoming review, core group or visit on the child's current plans "
                "to show. Dates appear here once a plan is approved."
            )
        else:
            intro = (
                "Only the people you choose see it, in the family portal. They can add their "
                "views before a review or meeting."
            )
        return {**super().get_context(), "intro": intro}

    def submit(self, form: ShowDateForm) -> str:
        data = form.cleaned_data
        candidate = form.candidate()
        services.show_date(
            self.request.user,
            self.person,
            candidate=candidate,
            on=data["on"] or candidate.due,
            at=data["at"],
            place=data["place"],
            note=data["note"],
            members=list(data["members"]),
        )
        return reverse("portal:person_sharing", args=[self.person.pk])


class ShowMeeting(_PersonForm):
    """Show the family an upcoming meeting about the child: who sees it, and what it is for in
    the family's words. Its date, time and place are the meeting record's own."""

    form_class = ShowMeetingForm
    title = "Show a meeting to the family"
    submit_label = "Show this meeting"
    success_message = "The family can see the meeting now, and send their views before it"
    meeting: Meeting

    def load(self) -> None:
        self.meeting = access.meeting_for_showing(
            self.request.user, self.kwargs["person_id"], self.kwargs["meeting_id"]
        )
        self.person = self.meeting.person

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit.record_view(
            request.user,
            self.person.pk,
            self.meeting,
            summary=f"Opened the {self.meeting} to show it to the family",
        )
        return response

    def get_initial(self) -> dict[str, Any]:
        return {"purpose": self.meeting.purpose}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"members": selectors.live_accounts_for_child(self.person)}

    def get_context(self) -> dict[str, Any]:
        meeting = self.meeting
        shown_to = [
            member.person.full_name
            for shown in getattr(meeting, "shown", [])
            for member in shown.members.all()
        ]
        summary = [
            ("Meeting", meeting.get_kind_display()),
            ("Date", f"{meeting.held_on:%-d %B %Y}"),
            ("Time", f"{meeting.starts_at:%H:%M}"),
            ("Where", meeting.location or "Not recorded"),
            ("Already shown to", ", ".join(shown_to) or "No one"),
        ]
        return {
            **super().get_context(),
            "summary": summary,
            "back_url": meeting.get_absolute_url(),
            "intro": "The people you choose see this meeting in the family portal, with its "
            "date, time and place as the meeting record has them, and can send their views "
            "before it. You read their views before they go on the meeting's record.",
        }

    def submit(self, form: ShowMeetingForm) -> str:
        data = form.cleaned_data
        services.show_meeting(
            self.request.user,
            self.person,
            self.meeting,
            members=list(data["members"]),
            purpose=data["purpose"],
            note=data["note"],
        )
        return reverse("portal:person_sharing", args=[self.person.pk])


class ApprovalRules(NothingLostFormView):
    """Which types of document wait for a team manager's approval before a family sees them.
    Team managers change them; everyone else who shares documents reads them."""

    form_class = ApprovalRulesForm
    template_name = "portal/approval_rules.html"
    title = "Documents that need a manager's approval"
    submit_label = "Save the rules"
    success_message = "Saved: the new rules apply to documents shared from now on"
    autosave = False
    rules: services.ApprovalRules

    def load(self) -> None:
        if self.request.method == "POST":
            access.approval_rules_for_change(self.request.user)
        else:
            access.approval_rules_for_view(self.request.user)
        self.rules = services.approval_rules()

    def get_initial(self) -> dict[str, Any]:
        return {"kinds": sorted(self.rules.kinds), "seen": ",".join(sorted(self.rules.kinds))}

    def get_context(self) -> dict[str, Any]:
        return {
            "rules": self.rules,
            "rows": self.describe_conflict(self.rules),
            "can_change": may_decide(self.request.user),
        }

    def describe_conflict(self, current: Any) -> list[tuple[str, str]]:
        return [
            (
                str(label),
                "Needs a manager's approval"
                if kind in current.kinds
                else "Shared without approval",
            )
            for kind, label in Document.Kind.choices
        ]

    def render_conflict(self, form: Any, current: Any) -> HttpResponse:
        # Keep the manager's choices, but move the form onto the rules as they now stand, so
        # saving again is a choice to replace the other manager's change.
        data = form.data.copy()
        data["seen"] = ",".join(sorted(current.kinds))
        fresh = self.form_class(data=data)
        fresh.is_valid()
        return self.render_form(
            fresh,
            status=409,
            conflict=self.describe_conflict(current),
            conflict_by=current.updated_by,
            conflict_at=current.updated_at,
        )

    def submit(self, form: ApprovalRulesForm) -> str:
        services.set_approval_rules(
            self.request.user, kinds=set(form.cleaned_data["kinds"]), seen=form.seen_kinds()
        )
        return reverse("portal:approval_rules")


@require_POST
def stop_date(request: HttpRequest, person_id: uuid.UUID, date_id: uuid.UUID) -> HttpResponse:
    shown = access.date_for_change(request.user, person_id, date_id)
    try:
        services.stop_showing_date(request.user, shown)
    except RuleBroken as broken:
        return _refused(request, shown.child, broken)
    return _done(request, shown.child, "The family can no longer see that date")


def _done(request: HttpRequest, person: Person, message: str) -> HttpResponseRedirect:
    messages.success(request, message)
    return HttpResponseRedirect(reverse("portal:person_sharing", args=[person.pk]))


def _refused(request: HttpRequest, person: Person, broken: RuleBroken) -> HttpResponseRedirect:
    messages.warning(request, broken.message)
    return HttpResponseRedirect(reverse("portal:person_sharing", args=[person.pk]))


@require_POST
def withdraw_share(request: HttpRequest, person_id: uuid.UUID, share_id: uuid.UUID) -> HttpResponse:
    share = access.share_for_change(request.user, person_id, share_id)
    try:
        services.withdraw_share(request.user, share)
    except RuleBroken as broken:
        return _refused(request, share.child, broken)
    return _done(request, share.child, "Withdrawn: the family can no longer see it")


@require_POST
def remove_account(
    request: HttpRequest, person_id: uuid.UUID, member_id: uuid.UUID
) -> HttpResponse:
    member = access.member_for_change(request.user, person_id, member_id)
    try:
        services.remove_account(request.user, member)
    except RuleBroken as broken:
        return _refused(request, member.child, broken)
    return _done(request, member.child, f"{member.person.full_name} can no longer use the portal")


# Staff: what families send ---------------------------------------------------------------------


@require_safe
def tray(request: HttpRequest) -> HttpResponse:
    """Views and documents from families, waiting for a worker to read them."""
    return render(
        request,
        "portal/tray.html",
        {"contributions": selectors.tray_for(request.user)[:200]},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def contribution(
    request: HttpRequest, person_id: uuid.UUID, contribution_id: uuid.UUID
) -> HttpResponse:
    item = access.contribution_for_view(request.user, person_id, contribution_id)
    if request.method == "POST":
        person = access.person_for_change(request.user, person_id)
        if item.kind == FamilyContribution.Kind.ACTION_DONE:
            # Accepting it changes the plan: for those who may change the child's plans.
            plans_access.person_for_change(request.user, person_id)
        if services.meeting_for_views(item) is not None:
            # Accepting it adds to the meeting's record: for those who record its meetings.
            meetings_access.person_for_change(request.user, person_id)
        decision = request.POST.get("decision")
        try:
            if decision == "accept":
                services.accept_contribution(request.user, item)
                return _done(request, person, "Added to the record")
            if decision == "decline":
                services.decline_contribution(request.user, item)
                return _done(request, person, "Marked as read, not added to the record")
        except RuleBroken as broken:
            return _refused(request, person, broken)
        return _refused(request, person, RuleBroken("decision", "Choose accept or not"))
    audit.record_view(
        request.user, item.child_id, item, summary=f"Read from the family: {item.title}"
    )
    return render(
        request,
        "portal/contribution.html",
        {
            "person": item.child,
            "warnings": people_selectors.active_warnings(item.child),
            "item": item,
            "action": selectors.plan_action_of(item),
            "meeting": services.meeting_for_views(item),
            "can_change": people_access.may_change(request.user),
        },
    )


@require_safe
def contribution_file(
    request: HttpRequest, person_id: uuid.UUID, contribution_id: uuid.UUID
) -> FileResponse:
    item = access.contribution_for_view(request.user, person_id, contribution_id)
    if not item.file:
        raise Http404("No file")
    audit.record_view(
        request.user, item.child_id, item, summary=f"Downloaded from the family: {item.title}"
    )
    return _file_response(item.file, item.original_name, item.content_type)


def _file_response(file: Any, name: str, content_type: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# The portal: signing in ------------------------------------------------------------------------


def _portal_render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, f"portal/family/{template}", context, status=status)


@access.portal_public
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The one-time link from the invitation email: confirm date of birth, then a code."""
    found = services.find_invitation(token)
    if found is None:
        return _portal_render(request, "link_expired.html", {"title": "This link has expired"}, 404)
    member = found.family_member
    form = DateOfBirthForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            challenge = services.check_date_of_birth(
                member, form.cleaned_data["date_of_birth"], invitation=found
            )
        except RuleBroken as broken:
            form.add_error("date_of_birth", broken.message)
        else:
            return HttpResponseRedirect(reverse("portal:code", args=[challenge]))
    status = 400 if request.method == "POST" else 200
    return _portal_render(
        request,
        "date_of_birth.html",
        {"form": form, "title": "Confirm who you are", "first_name": member.person.given_name},
        status,
    )


@access.portal_public
@require_http_methods(["GET", "HEAD", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        challenge = services.start_sign_in(
            form.cleaned_data["email"], form.cleaned_data["date_of_birth"]
        )
        # The same answer whether or not the details matched, so the page reveals nothing.
        target = challenge or str(uuid.uuid4())
        return HttpResponseRedirect(reverse("portal:code", args=[target]))
    status = 400 if request.method == "POST" else 200
    return _portal_render(request, "sign_in.html", {"form": form, "title": "Sign in"}, status)


@access.portal_public
@require_http_methods(["GET", "HEAD", "POST"])
def code(request: HttpRequest, challenge_id: uuid.UUID) -> HttpResponse:
    challenge = (
        SignInCode.objects.select_related("family_member__person").filter(pk=challenge_id).first()
    )
    form = CodeForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if challenge is None:
            form.add_error("code", "The code is not right. Check the email and try again")
        else:
            try:
                signed_in = services.check_code(challenge, form.cleaned_data["code"])
            except RuleBroken as broken:
                form.add_error("code", broken.message)
            else:
                response = HttpResponseRedirect(reverse("portal:home"))
                access.set_cookie(response, signed_in.session_key)
                return response
    status = 400 if request.method == "POST" else 200
    return _portal_render(
        request, "code.html", {"form": form, "title": "Enter the code we emailed you"}, status
    )


@access.portal_public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    session = access.portal_session(request)
    if session is not None:
        services.end_session(session)
    response = HttpResponseRedirect(reverse("portal:sign_in"))
    access.clear_cookie(response)
    return response


# The portal: what has been shared --------------------------------------------------------------


@access.portal_login_required
@require_safe
def home(request: HttpRequest, member: FamilyMember) -> HttpResponse:
    audit.record_view(
        None,
        member.child_id,
        member,
        summary=f"Family portal: {member.person.full_name} read what has been shared",
    )
    return _portal_render(
        request,
        "home.html",
        {
            "member": member,
            "shares": selectors.shared_with(member),
            "coming_up": upcoming.upcoming_for(member, timezone.localdate()),
            "sent": selectors.sent_by(member)[:50],
            "title": "What has been shared with you",
        },
    )


@access.portal_login_required
@require_safe
def shared(request: HttpRequest, member: FamilyMember, share_id: uuid.UUID) -> HttpResponse:
    share = access.share_for_family(member, share_id)
    services.record_opened(member, share, "read")
    return _portal_render(
        request,
        "shared.html",
        {
            "member": member,
            "share": share,
            "content": selectors.content_of(share.version),
            "my_actions": selectors.actions_for_family(member, share),
            "title": share.version.document.title,
        },
    )


@access.portal_login_required
@require_POST
def mark_done(
    request: HttpRequest, member: FamilyMember, share_id: uuid.UUID, action_id: uuid.UUID
) -> HttpResponse:
    """A family member says they have done one of their own actions on the plan."""
    share, action = access.action_for_family(member, share_id, action_id)
    try:
        services.mark_action_done(member, share, action)
    except RuleBroken as broken:
        messages.warning(request, broken.message)
    else:
        messages.success(request, "Thank you. Your social worker will check and update the plan")
    return HttpResponseRedirect(reverse("portal:shared", args=[share.pk]))


@access.portal_login_required
@require_http_methods(["GET", "HEAD", "POST"])
def date_views(request: HttpRequest, member: FamilyMember, date_id: uuid.UUID) -> HttpResponse:
    """Views before a review or meeting the worker chose to show."""
    shown = access.date_for_family(member, date_id)
    form = DateViewsForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_views_before(member, shown, text=form.cleaned_data["text"])
        except RuleBroken as broken:
            form.add_error("text", broken.message)
        else:
            messages.success(request, "Thank you. Your social worker will read your views first")
            return HttpResponseRedirect(reverse("portal:home"))
    elif request.method != "POST":
        audit.record_view(
            None,
            shown.child_id,
            shown,
            summary=f"Family portal: {member.person.full_name} opened the views form",
        )
    status = 400 if request.method == "POST" else 200
    return _portal_render(
        request,
        "date_views.html",
        {"member": member, "shown": shown, "form": form, "title": "Add your views"},
        status,
    )


@access.portal_login_required
@require_safe
def download(request: HttpRequest, member: FamilyMember, share_id: uuid.UUID) -> FileResponse:
    share = access.share_for_family(member, share_id)
    services.record_opened(member, share, "downloaded")
    version = share.version
    return _file_response(version.file, version.original_name, version.content_type)


@access.portal_login_required
@require_http_methods(["GET", "HEAD", "POST"])
def add_views(request: HttpRequest, member: FamilyMember, share_id: uuid.UUID) -> HttpResponse:
    share = access.share_for_family(member, share_id)
    form = ViewsForm(data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_views(member, share, text=form.cleaned_data["text"])
        except RuleBroken as broken:
            form.add_error("text", broken.message)
        else:
            messages.success(request, "Thank you. Your social worker will read your views")
            return HttpResponseRedirect(reverse("portal:shared", args=[share.pk]))
    elif request.method != "POST":
        audit.record_view(
            None,
            share.child_id,
            share,
            summary=f"Family portal: {member.person.full_name} opened the views form",
        )
    status = 400 if request.method == "POST" else 200
    return _portal_render(
        request,
        "views_form.html",
        {"member": member, "share": share, "form": form, "title": "Add your views"},
        status,
    )


@access.portal_login_required
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request: HttpRequest, member: FamilyMember) -> HttpResponse:
    if request.method == "POST":
        form = FamilyUploadForm(data=request.POST, files=request.FILES)
        if form.is_valid():
            try:
                services.upload_document(
                    member,
                    title=form.cleaned_data["title"],
                    upload=form.cleaned_data["file"],
                    text=form.cleaned_data["text"],
                )
            except RuleBroken as broken:
                form.add_error(
                    broken.field if broken.field in form.fields else None, broken.message
                )
            else:
                messages.success(request, "Sent. Your social worker will look at it")
                return HttpResponseRedirect(reverse("portal:home"))
        status = 400
    else:
        form = FamilyUploadForm()
        status = 200
        audit.record_view(
            None,
            member.child_id,
            member,
            summary=f"Family portal: {member.person.full_name} opened the upload form",
        )
    return _portal_render(
        request,
        "upload.html",
        {"member": member, "form": form, "title": "Send us a document"},
        status,
    )
