from django.contrib import admin

from .models import ClosedDay, Desk, Floor, Room


@admin.register(Floor)
class FloorAdmin(admin.ModelAdmin):
    list_display = ["level", "name_en", "name_ko", "area_m2"]


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["code", "name_en", "floor", "kind", "capacity", "is_bookable"]
    list_filter = ["floor", "kind", "is_bookable"]


@admin.register(Desk)
class DeskAdmin(admin.ModelAdmin):
    list_display = ["code", "room", "is_bookable", "assigned_to"]
    list_filter = ["room__floor", "is_bookable"]
    raw_id_fields = ["assigned_to"]


@admin.register(ClosedDay)
class ClosedDayAdmin(admin.ModelAdmin):
    list_display = ["day", "reason_en", "reason_ko"]
