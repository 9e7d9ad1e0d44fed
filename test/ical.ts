import ICAL from "ical.js";

/**
 * The calendar name and events of an iCalendar text as a calendar app reads them: parsed by
 * Mozilla's ical.js (the parser of Thunderbird's calendar), unescaped and unfolded.
 */
export function parseEvents(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return {
    name: calendar.getFirstPropertyValue("x-wr-calname"),
    events: calendar.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        description: event.description,
        location: event.location,
        start: event.startDate.toString(),
        end: event.endDate.toString(),
        isAllDay: event.startDate.isDate,
        status: vevent.getFirstPropertyValue("status"),
        transparency: vevent.getFirstPropertyValue("transp"),
      };
    }),
  };
}
