import { z } from "zod";

export const URGENCIES = ["crisis", "urgent", "normal"] as const;
export const UNFILLED_REASONS = ["no_holder", "unavailable", "out_of_range", "taken", "caps"] as const;

export const CreateRunBody = z
  .object({
    crisisId: z.uuid().nullish().describe("Only the open requests of this crisis"),
    requestIds: z
      .array(z.uuid())
      .min(1)
      .max(10_000)
      .nullish()
      .describe("Only these requests (open ones of the region, of the crisis when one is named); all open requests when absent"),
  })
  .strict();

export const CommitRunBody = z
  .object({
    assignments: z.array(z.number().int().min(0)).max(100_000).nullish().describe("Indices of the assignments to commit; all when absent"),
  })
  .strict();

const Objective = z.object({
  crisis: z.number().int(),
  urgent: z.number().int(),
  normal: z.number().int(),
  fairness: z.number().int(),
  distanceM: z.number().int(),
  preferred: z.number().int(),
});

const Place = z.object({ id: z.uuid(), name: z.string(), lat: z.number(), lon: z.number() });

export const AllocationRun = z.object({
  id: z.uuid(),
  status: z.enum(["computing", "done", "failed", "committed"]),
  createdAt: z.string(),
  crisisId: z.uuid().nullable(),
  committedAt: z.string().nullable(),
  runMs: z.number().int().nullable(),
  error: z.string().nullable(),
  requests: z.array(
    z.object({ id: z.uuid(), title: z.string(), administration: z.string(), urgency: z.enum(URGENCIES), open: z.number().int() }),
  ),
  pool: z.object({ members: z.number().int(), eligiblePairs: z.number().int() }),
  objective: Objective.nullable(),
  firstCome: Objective.nullable(),
  firstComeMaxShare: z
    .number()
    .nullable()
    .describe("The largest share of its pool an administration would lend first come, first served (null for older runs)"),
  assignments: z.array(
    z.object({
      index: z.number().int(),
      member: z.string().describe("Pseudonym within this run"),
      name: z.string().nullable().describe("Only for people of the caller's own administration"),
      from: z.object({ id: z.uuid(), name: z.string() }),
      to: z.object({ id: z.uuid(), name: z.string() }),
      request: z.object({ id: z.uuid(), title: z.string(), urgency: z.enum(URGENCIES) }),
      explanation: z.object({
        required: z.array(z.string()),
        preferred: z.array(z.string()),
        distanceKm: z.number(),
        remote: z.boolean(),
        fairness: z.object({ rank: z.number().int(), poolSize: z.number().int(), cost: z.number().int() }),
      }),
      isCommitted: z.boolean(),
    }),
  ),
  unfilled: z.array(
    z.object({
      request: z.object({ id: z.uuid(), title: z.string(), urgency: z.enum(URGENCIES), administration: z.string() }),
      slots: z.number().int(),
      reason: z.enum(UNFILLED_REASONS),
      counts: z.object({ holders: z.number().int(), available: z.number().int(), inRange: z.number().int(), free: z.number().int() }),
    }),
  ),
  lent: z.array(
    z.object({
      administration: z.object({ id: z.uuid(), name: z.string() }),
      lent: z.number().int(),
      poolSize: z.number().int(),
      share: z.number(),
    }),
  ),
  flows: z.array(z.object({ from: Place, to: Place, count: z.number().int() })),
  abilities: z.object({ commit: z.boolean().describe("Whether the run's assignments can be committed as proposals") }),
});

export const AllocationRunSummary = z.object({
  id: z.uuid(),
  status: z.enum(["computing", "done", "failed", "committed"]),
  createdAt: z.string(),
  crisisId: z.uuid().nullable(),
  committedAt: z.string().nullable(),
  runMs: z.number().int().nullable(),
  assignments: z.number().int(),
  unfilledSlots: z.number().int(),
});
