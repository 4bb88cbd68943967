from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import ComparisonViewSet, FitViewSet, StudyRunsViewSet, StudyViewSet

router = SimpleRouter()
router.register("studies", StudyViewSet, basename="scaling-study")
router.register("fits", FitViewSet, basename="scaling-fit")
router.register("comparisons", ComparisonViewSet, basename="scaling-comparison")

study_runs = StudyRunsViewSet.as_view({"get": "list", "post": "create"})

urlpatterns = [
    path("studies/<int:study_pk>/runs/", study_runs, name="scaling-study-runs"),
    *router.urls,
]
