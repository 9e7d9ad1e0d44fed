import type { de } from "./i18n.de";

/** English texts of the audit log. */
export const en: typeof de = {
  audit: {
    title: "Audit log",
    intro:
      "Logged are every sign-in – with a password or through your administration's sign-in provider –, every failed sign-in attempt on an account of your administration with its reason, every sign-out, every change and every look by others at pool members' data. Nobody can change or delete entries.",
    filters: "Narrow the entries",
    person: "Person (name or login)",
    objectType: "Object type",
    allObjectTypes: "All object types",
    from: "From",
    to: "To",
    apply: "Show",
    reset: "All entries",
    download: "Download as CSV",
    downloadHint: "The file holds every entry of this selection, for Excel. The download is logged.",
    caption: "Audit log entries, newest first",
    at: "Time",
    who: "Person",
    what: "What happened",
    object: "Object",
    more: "Load older entries",
    none: "No entries match this selection.",
    noneYet: "No entries yet.",
  },
};
