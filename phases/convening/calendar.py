"""A meeting as an iCalendar file (RFC 5545), for any calendar app."""
from __future__ import annotations

from icalendar import Calendar, Event

from dialogue.models import utcnow


def ics(meeting, url: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Dialogue Toolkit//EN")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"{meeting.uuid}@dialogue-toolkit")
    event.add("dtstamp", utcnow())
    event.add("dtstart", meeting.local_start)
    event.add("dtend", meeting.local_end)
    event.add("summary", meeting.title)
    location = ", ".join(part for part in (meeting.venue, meeting.address.replace("\n", ", ")) if part)
    if location:
        event.add("location", location)
    description = [meeting.dialogue.title]
    if meeting.online_link:
        description.append(meeting.online_link)
    description.append(url)
    event.add("description", "\n".join(description))
    event.add("url", url)
    calendar.add_component(event)
    if hasattr(calendar, "add_missing_timezones"):  # icalendar 6: a VTIMEZONE for the meeting's zone
        calendar.add_missing_timezones()
    return calendar.to_ical()
