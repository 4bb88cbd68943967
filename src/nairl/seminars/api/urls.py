from rest_framework.routers import SimpleRouter

from .views import RegistrationViewSet, SeriesViewSet, TalkViewSet

router = SimpleRouter()
router.register("series", SeriesViewSet, basename="seminars-series")
router.register("talks", TalkViewSet, basename="seminars-talk")
router.register("registrations", RegistrationViewSet, basename="seminars-registration")

urlpatterns = router.urls
