from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("calls", views.CallViewSet, basename="calls-call")
router.register("applications", views.ApplicationViewSet, basename="calls-application")
router.register("assignments", views.AssignmentViewSet, basename="calls-assignment")
router.register("reviews", views.ReviewViewSet, basename="calls-review")

urlpatterns = router.urls
