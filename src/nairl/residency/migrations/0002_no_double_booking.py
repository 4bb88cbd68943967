"""The database's own guarantee that a desk is booked once a day and a room once at a time.

PostgreSQL: exclusion constraints over date and time ranges (btree_gist lets the desk or room
id share the GiST index). SQLite: a partial unique index for desk-days, and triggers for room
times (SQLite has no exclusion constraints; its writers are serialised, so a trigger's check
cannot race). Cancelled and released bookings take no place in either.
"""

from django.db import migrations

HOLDING = "('booked', 'checked_in')"
DESK = "residency_desk_booked_once_a_day"
ROOM = "residency_room_booked_once_at_a_time"
ROOM_OVERLAP = f"""
    SELECT RAISE(ABORT, '{ROOM}')
    WHERE NEW.status IN {HOLDING} AND EXISTS (
        SELECT 1 FROM residency_roombooking AS other
        WHERE other.room_id = NEW.room_id AND other.id IS NOT NEW.id
          AND other.status IN {HOLDING}
          AND other.starts_at < NEW.ends_at AND other.ends_at > NEW.starts_at
    );
"""

RULES = {
    "postgresql": (
        [
            "CREATE EXTENSION IF NOT EXISTS btree_gist",
            f"""ALTER TABLE residency_deskbooking ADD CONSTRAINT {DESK}
                EXCLUDE USING gist (desk_id WITH =, daterange(day, day, '[]') WITH &&)
                WHERE (status IN {HOLDING})""",
            f"""ALTER TABLE residency_roombooking ADD CONSTRAINT {ROOM}
                EXCLUDE USING gist (room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
                WHERE (status IN {HOLDING})""",
        ],
        [
            f"ALTER TABLE residency_roombooking DROP CONSTRAINT {ROOM}",
            f"ALTER TABLE residency_deskbooking DROP CONSTRAINT {DESK}",
        ],
    ),
    "sqlite": (
        [
            f"""CREATE UNIQUE INDEX {DESK} ON residency_deskbooking (desk_id, day)
                WHERE status IN {HOLDING}""",
            f"""CREATE TRIGGER {ROOM}_insert BEFORE INSERT ON residency_roombooking
                BEGIN {ROOM_OVERLAP} END""",
            f"""CREATE TRIGGER {ROOM}_update
                BEFORE UPDATE OF room_id, starts_at, ends_at, status ON residency_roombooking
                BEGIN {ROOM_OVERLAP} END""",
        ],
        [
            f"DROP TRIGGER {ROOM}_update",
            f"DROP TRIGGER {ROOM}_insert",
            f"DROP INDEX {DESK}",
        ],
    ),
}


def apply(forwards: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor not in RULES:
            raise NotImplementedError(f"No double-booking rule for {vendor} databases.")
        for statement in RULES[vendor][0 if forwards else 1]:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("residency", "0001_initial")]

    operations = [migrations.RunPython(apply(True), apply(False))]
