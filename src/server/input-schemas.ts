/**
 * Shared input schemas. Every date a request carries uses {@link isoDate}: the calendar dates zod
 * accepts reach from year 0000 to 9999, PostgreSQL refuses year 0000 and no period of Verbund
 * lies outside 1900–2199. A route whose body or query holds a date (or date-time) format that is
 * not one of these cannot even be registered (`server/validation.ts`), so the range cannot be
 * forgotten in a new schema.
 */
import { z } from "zod";
import type { $ZodCheck } from "zod/v4/core";

/** The earliest and latest date any input may name. */
export const DATE_RANGE = { min: "1900-01-01", max: "2199-12-31" } as const;

const OUT_OF_RANGE = {
  de: "Das Datum muss zwischen dem 01.01.1900 und dem 31.12.2199 liegen.",
  en: "The date must lie between 1900-01-01 and 2199-12-31.",
};

/** The message of a period whose end lies before its start (`params` of a refinement). */
export const END_BEFORE_START = { de: "Das Ende liegt vor dem Beginn.", en: "The end is before the start." };

const WELL_FORMED_DATE = /^\d{4}-\d\d-\d\d/;

/** A calendar date `YYYY-MM-DD` between 1900-01-01 and 2199-12-31. */
export const isoDate = z.iso
  .date()
  // Only a well-formed date is checked against the range (a malformed one has its own message).
  .refine((value) => !WELL_FORMED_DATE.test(value) || (value >= DATE_RANGE.min && value <= DATE_RANGE.max), {
    message: OUT_OF_RANGE.en,
    params: OUT_OF_RANGE,
  })
  .meta({ description: `Date (YYYY-MM-DD) from ${DATE_RANGE.min} to ${DATE_RANGE.max}` });

/** A date-time in UTC (`2026-12-01T08:00:00Z`) whose date lies between 1900-01-01 and 2199-12-31. */
export const isoDateTime = z.iso
  .datetime()
  .refine((value) => !WELL_FORMED_DATE.test(value) || (value.slice(0, 10) >= DATE_RANGE.min && value.slice(0, 10) <= DATE_RANGE.max), {
    message: OUT_OF_RANGE.en,
    params: OUT_OF_RANGE,
  });

/** The range checks of the shared schemas; clones (`.optional()`, `.describe()`) keep them. */
const RANGE_CHECKS = new Set<$ZodCheck>(
  [...(isoDate._zod.def.checks ?? []), ...(isoDateTime._zod.def.checks ?? [])].filter((c) => c._zod.def.check === "custom"),
);

/** Whether a string schema with a date or time format carries the shared range check. */
export function hasDateRange(schema: { _zod: { def: { checks?: $ZodCheck[] } } }): boolean {
  return (schema._zod.def.checks ?? []).some((check) => RANGE_CHECKS.has(check));
}
