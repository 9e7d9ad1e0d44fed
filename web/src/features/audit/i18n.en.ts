import type { de } from "./i18n.de";

/** English texts of the audit log. */
export const en: typeof de = {
  audit: {
    title: "Audit log",
    intro: "Every sign-in and every change is logged and cannot be altered.",
    caption: "Audit log entries, newest first",
    at: "Time",
    who: "Who",
    action: "Action",
    object: "Object",
    change: "Change",
    more: "Load older entries",
    none: "No entries.",
    actions: {
      login: "Sign-in",
      login_failed: "Failed sign-in",
      logout: "Sign-out",
      create: "Created",
      update: "Changed",
      delete: "Deleted",
      read: "Read",
    },
    entities: { account: "Account" },
    unknownLogin: "unknown login",
  },
};
