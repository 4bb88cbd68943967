"""The API reference at /api/docs/: Redoc from the installed drf-spectacular-sidecar package."""

from drf_spectacular.views import SpectacularRedocView

# Redoc draws its "API docs by Redocly" credit with an image from its makers' CDN; the page's own
# policy keeps the browser from fetching anything but the hub's files (Redoc hides the broken
# image). Inline styles are Redoc's own; its search index runs in a worker made from a blob.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self' 'unsafe-inline'",
        "script-src 'self'",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "font-src 'self' data:",
    ]
)


class ApiReferenceView(SpectacularRedocView):
    template_name = "common/api_docs.html"

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
        return response
