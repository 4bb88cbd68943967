from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("floors", views.FloorViewSet, basename="residency-floor")
router.register("rooms", views.RoomViewSet, basename="residency-room")
router.register("desks", views.DeskViewSet, basename="residency-desk")
router.register("closed-days", views.ClosedDayViewSet, basename="residency-closed-day")
router.register("stays", views.StayViewSet, basename="residency-stay")
router.register("checklist-items", views.ChecklistItemViewSet, basename="residency-checklist-item")
router.register("desk-bookings", views.DeskBookingViewSet, basename="residency-desk-booking")
router.register("room-bookings", views.RoomBookingViewSet, basename="residency-room-booking")

urlpatterns = router.urls
