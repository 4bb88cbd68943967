"""The administrators' pages for logins: the list, inviting someone, roles and deactivation."""

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .filters import HubFilterSet
from .models import User
from .pages import ObjectCreateView, ObjectEditView, ObjectListView
from .roles import Role
from .user_accounts import change_access, held_roles, invite_user, user_policy


class UserFilter(HubFilterSet):
    q = django_filters.CharFilter(label=_("User name or email"), max_length=150, method="by_text")
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=Role.choices, empty_label=_("Any"), field_name="groups__name"
    )
    is_active = django_filters.BooleanFilter(label=_("Active"))

    class Meta:
        model = User
        fields = ["q", "role", "is_active"]

    def by_text(self, queryset, name, value):
        return queryset.filter(Q(username__icontains=value) | Q(email__icontains=value))


def roles_field(**kwargs):
    return forms.MultipleChoiceField(
        label=_("Roles"),
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        **kwargs,
    )


class InviteForm(forms.ModelForm):
    roles = roles_field(initial=[Role.RESEARCHER])

    class Meta:
        model = User
        fields = ["username", "email", "first_name", "last_name", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True


class AccessForm(forms.ModelForm):
    roles = roles_field()

    class Meta:
        model = User
        fields = ["is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].initial = held_roles(self.instance)


class AdministratorsOnly:
    model = User
    policy = user_policy
    login_required = True

    def check_access(self, request):
        if not user_policy.can_create(request.user):
            raise PermissionDenied

    def success_url(self, saved):
        return reverse("user-edit", args=[saved.pk])

    def operation_arguments(self, request, form):
        return {"user": form.instance, "roles": form.cleaned_data["roles"], "by": request.user}


class UserListView(AdministratorsOnly, ObjectListView):
    filterset_class = UserFilter
    template_name = "common/users.html"
    key_field = "username"

    def get_queryset(self):
        return User.objects.prefetch_related("groups").distinct()

    def get_extra_context(self, request, *, page, **context):
        accounts = page.items if page is not None else []
        return {"rows": [(account, map(Role, held_roles(account))) for account in accounts]}


class UserInviteView(AdministratorsOnly, ObjectCreateView):
    form_class = InviteForm
    template_name = "common/user_invite.html"
    operation = invite_user
    success_message = _("Invited: the set-password link is on its way.")

    def operation_arguments(self, request, form):
        site = request.build_absolute_uri("/").rstrip("/")
        return {**super().operation_arguments(request, form), "site": site}


class UserEditView(AdministratorsOnly, ObjectEditView):
    form_class = AccessForm
    template_name = "common/user_edit.html"
    operation = change_access
