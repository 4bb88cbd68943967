"""The audit trail for administrators: filtered, readable, and exported as CSV."""

from django.http import HttpResponse
from django.utils import timezone

from .audit_display import with_readable_changes
from .filters import AuditEntryFilter
from .models import AuditEntry
from .pages import ObjectListView, PolicyView
from .permissions import RequireRole, StaffManagedPolicy
from .roles import Role
from .spreadsheets import write_csv

AUDIT_READERS = RequireRole(Role.ADMINISTRATOR)
audit_policy = StaffManagedPolicy(Role.ADMINISTRATOR)
EXPORT_HEADERS = [
    "time",
    "actor",
    "action",
    "kind",
    "record id",
    "record",
    "field",
    "before",
    "after",
]


class AuditAccess:
    """Anonymous visitors are sent to sign in; signed-in non-administrators get 403."""

    login_required = True

    def check_access(self, request):
        AUDIT_READERS.check(request.user)


def audit_entries():
    return AuditEntry.objects.select_related("actor", "content_type")


class AuditLogView(AuditAccess, ObjectListView):
    model = AuditEntry
    policy = audit_policy
    filterset_class = AuditEntryFilter
    template_name = "common/audit_log.html"
    key_field = "at"
    descending = True

    def get_queryset(self):
        return audit_entries()

    def get_extra_context(self, request, *, page, **context):
        if page is not None:
            with_readable_changes(page.items)
        return {}


class AuditExportView(AuditAccess, PolicyView):
    """The filtered trail as CSV: one row per changed field, times in the reader's zone."""

    http_method_names = ["get"]

    def get(self, request):
        found = AuditEntryFilter(request.GET, queryset=audit_entries(), request=request)
        if not found.is_valid():
            return HttpResponse(str(found.errors), status=400, content_type="text/plain")
        rows = []
        for chunk in chunks(found.qs.order_by("-at", "-id"), 2000):
            for entry in with_readable_changes(chunk):
                rows += export_rows(entry)
        response = HttpResponse(write_csv(EXPORT_HEADERS, rows), content_type="text/csv")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="nairl-audit-{stamp}.csv"'
        return response


def chunks(queryset, size):
    batch = []
    for entry in queryset.iterator(chunk_size=size):
        batch.append(entry)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return timezone.localtime(value).isoformat(timespec="seconds")
    return str(value)


def export_rows(entry) -> list[list[str]]:
    head = [
        text(entry.at),
        entry.actor.get_username() if entry.actor else "",
        str(entry.get_action_display()),
        str(entry.content_type.name),
        entry.object_id,
        text(entry.subject) if entry.subject else entry.object_repr,
    ]
    changes = entry.readable_changes or [None]
    return [
        head + ([str(c.label), text(c.before), text(c.after)] if c else ["", "", ""])
        for c in changes
    ]
