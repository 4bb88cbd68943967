"""Pages that do one thing to one object on a POST (approve, cancel, check in...): the verb
button's target.

    class StayStatusView(ObjectActionView):
        model = Stay
        policy = stay_policy

        def act(self, request, stay):
            return change_status(stay=stay, to=request.POST.get("status", ""), by=request.user)

Anonymous visitors are sent to sign in, hidden objects are a 404, a user the policy does not let
act gets a 403. The verb runs in one transaction; a refusal (ValidationError) changes nothing
and answers 400 with the reasons in the reader's language (or, where `refused()` says so, goes
back with them as a message); success goes back to the object with a message. The object is
read with the view's `select_related` and `prefetch_related`.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy

from .pages import PolicyView, visible_or_404


def reasons(error: ValidationError) -> list[str]:
    """Every message of a refusal, field messages included, in order."""
    if hasattr(error, "error_dict"):
        return [message for messages_ in error.message_dict.values() for message in messages_]
    return list(error.messages)


class ObjectActionView(PolicyView):
    success_message = gettext_lazy("Done.")
    http_method_names = ["post"]

    def may_act(self, user, obj) -> bool:
        return self.policy.can_change(user, obj)

    def act(self, request, obj):
        """Runs the verb; returns the object to go back to (or None for `obj`)."""
        raise NotImplementedError

    def success_url(self, obj) -> str:
        return obj.get_absolute_url()

    def done_message(self, obj) -> str:
        return self.success_message

    def refused(self, request, obj, error: ValidationError):
        context = {"object": obj, "reasons": reasons(error), "back": self.success_url(obj)}
        return render(request, "common/action_refused.html", context, status=400)

    def post(self, request, pk, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        self.kwargs = kwargs
        obj = visible_or_404(self.policy, request.user, self.get_queryset(), pk=pk)
        if not self.may_act(request.user, obj):
            raise PermissionDenied
        try:
            with transaction.atomic():
                result = self.act(request, obj)
        except ValidationError as error:
            return self.refused(request, obj, error)
        messages.success(request, self.done_message(obj))
        return redirect(self.success_url(result or obj))
