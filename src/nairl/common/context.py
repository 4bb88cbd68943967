"""Who is acting, and for which request: set by the middleware or a command, read by the audit
log."""

import contextvars
from contextlib import contextmanager

current_actor = contextvars.ContextVar("current_actor", default=None)
current_request_id = contextvars.ContextVar("current_request_id", default="")


@contextmanager
def acting_as(user, request_id: str = ""):
    actor_token = current_actor.set(user if getattr(user, "is_authenticated", False) else None)
    request_token = current_request_id.set(request_id)
    try:
        yield
    finally:
        current_actor.reset(actor_token)
        current_request_id.reset(request_token)
