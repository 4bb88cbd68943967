"""The seminar pages: talks and series, registration, calendars, the slot finder."""
