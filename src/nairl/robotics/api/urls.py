from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import EvaluationViewSet, LeaderboardView, RobotPolicyViewSet, TeamViewSet

router = SimpleRouter()
router.register("teams", TeamViewSet, basename="robotics-team")
router.register("policies", RobotPolicyViewSet, basename="robotics-policy")
router.register("evaluations", EvaluationViewSet, basename="robotics-evaluation")

urlpatterns = [
    path("leaderboard/", LeaderboardView.as_view(), name="robotics-leaderboard"),
    *router.urls,
]
