from .registrations import FeedToken, Registration
from .talks import Series, Talk

__all__ = ["FeedToken", "Registration", "Series", "Talk"]
