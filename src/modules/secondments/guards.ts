import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { nextFreeInterval, daysInclusive } from "../../domain/secondment/workflow";
import { AppError } from "../../kernel/problems";
import { germanDate } from "../../kernel/dates";
import { departments } from "../organizations";
import { departmentCaps } from "./secondments.tables";
import { settingsOf } from "./facts";
import { MemberRow, SecondmentRow, unscopedBlockingPeriods, unscopedLentPeriods } from "./secondment-scope";

// Guards that need the database: overlap and caps.

/** Refuses when the member has another blocking secondment in the period; names the next free interval. */
export async function assertNoOverlap(db: Db | Tx, memberId: string, period: { startsOn: string; endsOn: string }, exceptId?: string) {
  const busy = await unscopedBlockingPeriods(db, memberId, { period, exceptId });
  if (busy.length === 0) return;
  const all = await unscopedBlockingPeriods(db, memberId, { exceptId });
  const free = nextFreeInterval(all, period.startsOn, daysInclusive(period.startsOn, period.endsOn));
  throw new AppError("conflict", {
    fields: [
      {
        field: "period",
        in: "body",
        rule: "overlap",
        message: {
          de: `Die Person ist im Zeitraum ${germanDate(busy[0].startsOn)}–${germanDate(busy[0].endsOn)} bereits abgeordnet oder fest eingeplant. Frei ist sie wieder für ${germanDate(free.startsOn)}–${germanDate(free.endsOn)}.`,
          en: `The person is already seconded or firmly planned for ${busy[0].startsOn} to ${busy[0].endsOn}. The next free period of the same length is ${free.startsOn} to ${free.endsOn}.`,
        },
      },
    ],
  });
}

/** How many people of an administration (or one department) are lent in blocking states at any day of the period, at most. */
export async function lentInPeriod(
  db: Db | Tx,
  organizationId: string,
  departmentId: string | null,
  period: { startsOn: string; endsOn: string },
  exceptId: string,
) {
  const rows = await unscopedLentPeriods(db, organizationId, departmentId, period, exceptId);
  // The peak: the largest number of overlapping periods at a start date inside the period.
  const points = [period.startsOn, ...rows.map((r) => r.startsOn).filter((d) => d > period.startsOn)];
  return Math.max(0, ...points.map((d) => rows.filter((r) => r.startsOn <= d && r.endsOn >= d).length));
}

/** Refuses a release that would lend more people than a department's or the administration's cap allows. */
export async function assertWithinCaps(db: Db | Tx, s: SecondmentRow, member: MemberRow) {
  const settings = await settingsOf(db, s.organizationId);
  if (member.departmentId) {
    const [cap] = await db.select().from(departmentCaps).where(eq(departmentCaps.departmentId, member.departmentId));
    if (cap) {
      const lent = await lentInPeriod(db, s.organizationId, member.departmentId, s, s.id);
      if (lent + 1 > cap.maxLent) {
        const [dep] = await db.select({ name: departments.name }).from(departments).where(eq(departments.id, member.departmentId));
        throw capProblem(
          `Der Fachbereich ${dep?.name ?? ""} darf höchstens ${cap.maxLent} Personen gleichzeitig abgeben (Mindestbesetzung); im Zeitraum sind bereits ${lent} abgeordnet oder zugesagt.`,
          `The department ${dep?.name ?? ""} may lend at most ${cap.maxLent} people at the same time (minimum staffing); ${lent} are already lent or committed in the period.`,
        );
      }
    }
  }
  if (settings.maxLentTotal !== null) {
    const lent = await lentInPeriod(db, s.organizationId, null, s, s.id);
    if (lent + 1 > settings.maxLentTotal) {
      throw capProblem(
        `Die Verwaltung darf höchstens ${settings.maxLentTotal} Personen gleichzeitig abgeben; im Zeitraum sind bereits ${lent} abgeordnet oder zugesagt.`,
        `The administration may lend at most ${settings.maxLentTotal} people at the same time; ${lent} are already lent or committed in the period.`,
      );
    }
  }
}

export const capProblem = (de: string, en: string) =>
  new AppError("conflict", { fields: [{ field: "action", in: "body", rule: "cap_reached", message: { de, en } }] });
