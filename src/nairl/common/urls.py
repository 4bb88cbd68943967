"""The URLs of one kind of object, laid out and named the same way in every module.

    object_urls("teams", "team", list=TeamListView, create=TeamCreateView,
                detail=TeamDetailView, edit=TeamEditView)

gives `teams/` (named `teams`, or `plural`), `teams/new/` (`team-create`), `teams/<pk>/`
(`team`) and, for every other keyword, `teams/<pk>/<verb>/` named `<name>-<verb>` (`edit`,
`cancel`, `check_in` → `check-in`). Views are classes (from `common.pages`) or functions.
"""

from django.urls import path


def view_of(view):
    return view.as_view() if isinstance(view, type) else view


def object_urls(prefix: str, name: str, *, plural: str = "", **views) -> list:
    base = f"{prefix}/" if prefix else ""
    fixed = {
        "list": (base, plural or f"{name}s"),
        "create": (f"{base}new/", f"{name}-create"),
        "detail": (f"{base}<int:pk>/", name),
    }
    urls = []
    for verb, view in views.items():
        slug = verb.replace("_", "-")
        route, url_name = fixed.get(verb, (f"{base}<int:pk>/{slug}/", f"{name}-{slug}"))
        urls.append(path(route, view_of(view), name=url_name))
    return urls
