from rest_framework.routers import SimpleRouter

from .views import MembershipViewSet, OutputViewSet, ProgramViewSet, ProjectViewSet

router = SimpleRouter()
router.register("programs", ProgramViewSet, basename="research-program")
router.register("projects", ProjectViewSet, basename="research-project")
router.register("outputs", OutputViewSet, basename="research-output")
router.register("memberships", MembershipViewSet, basename="research-membership")

urlpatterns = router.urls

from .views import MilestoneViewSet  # noqa: E402

router.register("milestones", MilestoneViewSet, basename="research-milestone")
urlpatterns = router.urls
