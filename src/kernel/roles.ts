/** Every role an account of an administration may hold (DESIGN.md › Users). */
export const ROLES = [
  "region_admin",
  "org_admin",
  "department_head",
  "clerk",
  "employee",
  "staff_council",
  "finance",
  "reporter",
  "climate_manager",
  "moderator",
  "management",
] as const;

export type Role = (typeof ROLES)[number];

/** German and English names of the roles, as the UI shows them. */
export const ROLE_LABELS = {
  region_admin: { de: "Koordination der Region", en: "Regional coordination" },
  org_admin: { de: "Personalamt", en: "HR office" },
  department_head: { de: "Fachbereichsleitung", en: "Head of department" },
  clerk: { de: "Sachbearbeitung", en: "Clerk" },
  employee: { de: "Beschäftigte/r", en: "Employee" },
  staff_council: { de: "Personalrat", en: "Staff council" },
  finance: { de: "Kämmerei", en: "Finance office" },
  reporter: { de: "Controlling", en: "Controlling" },
  climate_manager: { de: "Klimaschutzmanagement", en: "Climate protection manager" },
  moderator: { de: "Bürgerbeteiligung", en: "Participation team" },
  management: { de: "Verwaltungsspitze", en: "Management" },
} as const satisfies Record<Role, { de: string; en: string }>;
