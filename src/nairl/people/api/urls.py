from rest_framework.routers import DefaultRouter

from .views import AffiliationViewSet, ExpertiseViewSet, InstitutionViewSet, PersonViewSet

router = DefaultRouter()
router.register("people", PersonViewSet, basename="person")
router.register("institutions", InstitutionViewSet, basename="institution")
router.register("expertise", ExpertiseViewSet, basename="expertise")
router.register("affiliations", AffiliationViewSet, basename="affiliation")

urlpatterns = router.urls
