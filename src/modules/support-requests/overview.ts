import { z } from "zod";
import { defineOverview } from "../../kernel/overviews";
import { summarizeActiveCrises } from "./crises";

/** The region's active crises on the start page of those who lead or supply: its figures, the board a link away. */
export const crisisOverview = defineOverview({
  schema: z.object({
    crises: z.array(
      z.object({
        crisis: z.object({ id: z.uuid(), name: z.string(), startsOn: z.string() }),
        totals: z.object({
          requests: z.number().int(),
          headcount: z.number().int().describe("People asked for"),
          offered: z.number().int().describe("People offered, at most the headcount of each request"),
          fillRate: z.number(),
        }),
        filled: z.number().int().describe("Slots filled by agreed secondments"),
      }),
    ),
  }),
  roles: {
    region_admin: true,
    org_admin: true,
    department_head: false,
    clerk: false,
    employee: false,
    staff_council: false,
    finance: false,
    reporter: false,
    climate_manager: false,
    moderator: false,
    management: true,
  },
  async load({ db, actor }) {
    const summaries = await summarizeActiveCrises(db, actor);
    return {
      crises: summaries.map((s) => ({
        crisis: { id: s.crisis.id, name: s.crisis.name, startsOn: s.crisis.startsOn },
        totals: s.totals,
        filled: s.filled,
      })),
    };
  },
});
