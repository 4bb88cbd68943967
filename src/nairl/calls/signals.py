"""What other modules listen to.

`application_decided` is sent once per application when a decision is recorded (after the
transaction commits), with `application` and `status`. The residency module turns an accepted
residency application into a stay, the seminars module an accepted talk into a talk:

    from nairl.calls.signals import application_decided

    @receiver(application_decided)
    def create_stay(sender, application, status, **kwargs):
        if status == "accepted" and application.call.kind == "residency": ...
"""

from django.dispatch import Signal

application_decided = Signal()
