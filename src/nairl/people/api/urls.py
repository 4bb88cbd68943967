from rest_framework.routers import DefaultRouter

from .views import ExpertiseViewSet, InstitutionViewSet, PersonViewSet

router = DefaultRouter()
router.register("people", PersonViewSet, basename="person")
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("expertise", ExpertiseViewSet, basename="expertise")

urlpatterns = router.urls
