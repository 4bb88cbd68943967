"""Registering for a talk, confirming and cancelling by private link, and the organisers' list
with check-in at the door."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nairl.common.actions import ObjectActionView, reasons
from nairl.common.pages import ObjectListView, PolicyView, add_errors, visible_or_404

from ..domain.registrations import cancel_registration, check_in, confirm, register
from ..filters import RegistrationFilter
from ..forms import RegistrationForm
from ..models import Registration, Talk
from ..policies import registration_policy, talk_policy

Status = Registration.Status


def outcome_message(registration: Registration) -> str:
    if registration.status == Status.PENDING:
        return _("Almost done: we sent a link to %(email)s; open it to confirm your place.") % {
            "email": registration.email
        }
    if registration.status == Status.SEATED:
        return _("You have a seat. A confirmation with the talk's calendar file is on its way.")
    ahead = registration.talk.registrations.filter(
        status=Status.WAITLISTED, queued_at__lt=registration.queued_at
    ).count()
    return _(
        "The talk is full: you are number %(position)d on the waiting list. We will email you "
        "if a seat frees up."
    ) % {"position": ahead + 1}


class RegisterView(PolicyView):
    """The registration form of a talk (also shown on the talk's page)."""

    model = Talk
    policy = talk_policy
    template_name = "seminars/register.html"

    def talk(self, request, pk):
        return visible_or_404(
            talk_policy, request.user, Talk.objects.select_related("series"), pk=pk
        )

    def get(self, request, pk):
        talk = self.talk(request, pk)
        return self.render(request, {"talk": talk, "form": RegistrationForm(user=request.user)})

    def post(self, request, pk):
        talk = self.talk(request, pk)
        form = RegistrationForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                registration = register(talk=talk, **form.cleaned_data, user=request.user)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, outcome_message(registration))
                return redirect(talk)
        return self.render(request, {"talk": talk, "form": form}, status=400)


class TokenView(PolicyView):
    """A page reached by a registration's private link: a wrong or forged token names nothing
    (404, saying the link is not valid); the page asks to confirm, and the POST acts."""

    model = Registration
    policy = registration_policy
    purpose = ""

    def registration(self, pk, token):
        registration = (
            Registration.objects.select_related("talk__series", "talk__speaker")
            .filter(pk=pk)
            .first()
        )
        if registration is None or not registration.token_matches(self.purpose, token):
            return None
        return registration

    def invalid(self, request):
        return render(request, "seminars/link_invalid.html", status=404)

    def get(self, request, pk, token):
        registration = self.registration(pk, token)
        if registration is None:
            return self.invalid(request)
        return self.render(request, {"registration": registration})

    def act(self, registration):
        raise NotImplementedError

    def post(self, request, pk, token):
        registration = self.registration(pk, token)
        if registration is None:
            return self.invalid(request)
        try:
            registration = self.act(registration)
        except ValidationError as error:
            context = {"registration": registration, "errors": error.messages}
            return self.render(request, context, status=400)
        messages.success(request, self.done_message(registration))
        return redirect(registration.talk)


class ConfirmView(TokenView):
    template_name = "seminars/registration_confirm.html"
    purpose = "confirm"

    def act(self, registration):
        return confirm(registration=registration)

    def done_message(self, registration):
        return outcome_message(registration)


class CancelByLinkView(TokenView):
    template_name = "seminars/registration_cancel.html"
    purpose = "cancel"

    def act(self, registration):
        return cancel_registration(registration=registration)

    def done_message(self, registration):
        return _("Your registration is cancelled.")


class RegistrationActionView(ObjectActionView):
    """A signed-in person's action on a registration; a refusal goes back with its reasons."""

    model = Registration
    policy = registration_policy
    select_related = ("talk__series",)

    def refused(self, request, registration, error):
        messages.error(request, " ".join(reasons(error)))
        return redirect(self.success_url(registration))


class CancelOwnView(RegistrationActionView):
    """A signed-in person gives up their own place (or an organiser someone's)."""

    success_message = gettext_lazy("The registration is cancelled.")

    def may_act(self, user, registration):
        return registration_policy.can_cancel(user, registration)

    def act(self, request, registration):
        cancel_registration(registration=registration, by=request.user)

    def success_url(self, registration):
        after = self.request.POST.get("next", "")
        if url_has_allowed_host_and_scheme(after, allowed_hosts={self.request.get_host()}):
            return after
        return registration.talk.get_absolute_url()


class TalkRegistrationsView(ObjectListView):
    """Who registered for a talk, in the order they came; check-in at the door."""

    model = Registration
    policy = registration_policy
    filterset_class = RegistrationFilter
    template_name = "seminars/registrations.html"
    key_field = "created_at"
    login_required = True

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.talk = visible_or_404(
                talk_policy, request.user, Talk.objects.select_related("series"), pk=kwargs["pk"]
            )
            if not registration_policy.can_see_registrations_of(request.user, self.talk):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Registration.objects.filter(talk=self.talk).select_related("user")

    def get_extra_context(self, request, **context):
        counts = self.talk.registrations.aggregate(
            seated=Count("id", filter=Q(status=Status.SEATED)),
            waiting=Count("id", filter=Q(status=Status.WAITLISTED)),
            pending=Count("id", filter=Q(status=Status.PENDING)),
            present=Count("id", filter=Q(checked_in_at__isnull=False)),
        )
        return {"talk": self.talk, "counts": counts}


class CheckInView(RegistrationActionView):
    """At the door: those who run the talk check people in."""

    def act(self, request, registration):
        check_in(registration=registration, by=request.user)

    def done_message(self, registration):
        return _("%(name)s is checked in.") % {"name": registration.name}

    def success_url(self, registration):
        return reverse("seminars:registrations", args=[registration.talk_id])
