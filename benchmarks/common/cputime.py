"""Benchmark-only middleware: the server's CPU time for each request (`time.process_time()`
around the whole middleware stack, so the template rendering and the ORM are counted), sent back
in the `X-Bench-CPU-ms` header. On a machine shared with other work the wall time of a request
grows with the load; its CPU time much less, so p95 of CPU time compares runs."""

import time

HEADER = "X-Bench-CPU-ms"


class CpuTimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.process_time()
        response = self.get_response(request)
        response[HEADER] = f"{(time.process_time() - started) * 1000:.3f}"
        return response
