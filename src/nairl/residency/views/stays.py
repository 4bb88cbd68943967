"""Stay pages: the list, a stay with its checklist and bookings, creating and changing it, its
status buttons, and its invitation letter."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from nairl.common.actions import ObjectActionView
from nairl.common.pages import (
    ObjectCreateView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    visible_or_404,
)

from ..domain.calendar import hub_today
from ..domain.letters import current_letter, find_letter, issue_letter
from ..domain.stays import (
    allowed_next,
    change_status,
    create_stay,
    update_checklist_item,
    update_stay,
)
from ..filters import StayFilter
from ..forms import ChecklistItemForm, LetterCheckForm, StayForm
from ..models import ChecklistItem, InvitationLetter, Stay, StayStatus
from ..policies import checklist_policy, is_manager, stay_policy


def stays_with_people():
    return Stay.objects.select_related("visitor", "host", "home_institution", "program", "project")


class StayListView(ObjectListView):
    model = Stay
    policy = stay_policy
    filterset_class = StayFilter
    template_name = "residency/stay_list.html"
    key_field = "start"
    descending = True
    login_required = True

    def get_queryset(self):
        return stays_with_people()


class StayDetailView(ObjectDetailView):
    model = Stay
    policy = stay_policy
    template_name = "residency/stay_detail.html"
    context_object_name = "stay"
    login_required = True

    def get_queryset(self):
        return stays_with_people()

    def get_extra_context(self, request, *, stay, **context):
        user = request.user
        checklist = list(stay.checklist.select_related("owner"))
        for item in checklist:
            item.can_change = checklist_policy.can_change(user, item)
        bookings = stay.desk_bookings.select_related("desk__room__floor").filter(
            day__gte=hub_today()
        )
        return {
            "checklist": checklist,
            "next_statuses": [StayStatus(s) for s in allowed_next(stay)]
            if context["can_edit"]
            else [],
            "letter": current_letter(stay),
            "can_download_letter": stay_policy.can_download_letter(user, stay),
            "can_book": stay_policy.can_book_desks(user, stay),
            "bookings": bookings[:60],
            "series": stay.desk_series.select_related("desk"),
            "is_manager": is_manager(user),
        }


class StayCreateView(ObjectCreateView):
    model = Stay
    policy = stay_policy
    form_class = StayForm
    template_name = "residency/stay_form.html"
    operation = create_stay
    success_message = gettext_lazy("Stay created with its onboarding checklist.")


class StayEditView(ObjectEditView):
    model = Stay
    policy = stay_policy
    form_class = StayForm
    template_name = "residency/stay_form.html"
    operation = update_stay

    def get_queryset(self):
        return stays_with_people()


class StayStatusView(ObjectActionView):
    model = Stay
    policy = stay_policy
    success_message = gettext_lazy("Status changed.")

    def get_queryset(self):
        return stays_with_people()

    def act(self, request, stay):
        return change_status(stay=stay, to=request.POST.get("status", ""), by=request.user)


class ChecklistItemEditView(ObjectEditView):
    model = ChecklistItem
    policy = checklist_policy
    form_class = ChecklistItemForm
    template_name = "residency/checklist_item_form.html"
    operation = update_checklist_item
    object_argument = "item"

    select_related = ("stay__visitor", "stay__host")

    def success_url(self, saved):
        return saved.stay.get_absolute_url()


class LetterIssueView(ObjectActionView):
    model = Stay
    policy = stay_policy
    success_message = gettext_lazy("Invitation letter issued.")

    def get_queryset(self):
        return stays_with_people()

    def act(self, request, stay):
        verify = request.build_absolute_uri(reverse("residency:letter-check"))
        issue_letter(stay=stay, by=request.user, verify_url=verify)


@require_GET
@login_required
def letter_download(request, pk):
    """The current letter of a stay, as issued: for its visitor and staff."""
    stay = visible_or_404(stay_policy, request.user, stays_with_people(), pk=pk)
    if not stay_policy.can_download_letter(request.user, stay):
        raise PermissionDenied
    letter = stay.letters.filter(revoked_at__isnull=True).first()
    if letter is None:
        raise Http404
    response = HttpResponse(bytes(letter.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="invitation-{letter.code}.pdf"'
    return response


@require_GET
@login_required
def letter_check(request):
    """Staff type the code printed on a letter and see what was issued."""
    if not is_manager(request.user):
        raise PermissionDenied
    form = LetterCheckForm(request.GET or None)
    checked = form.is_valid()
    letter: InvitationLetter | None = find_letter(form.cleaned_data["code"]) if checked else None
    status = 400 if form.errors else 200
    return render(
        request,
        "residency/letter_check.html",
        {"form": form, "checked": checked, "letter": letter},
        status=status,
    )
