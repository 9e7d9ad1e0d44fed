import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { allocationPolicy } from "./allocation.policy";
import { solverPool } from "./solver-pool";
import { AllocationRun, AllocationRunSummary, CommitRunBody, CreateRunBody } from "./allocation.schemas";
import { commitAllocationRun, createAllocationRun, getAllocationRun, getAllocationSnapshot, listAllocationRuns } from "./allocation-runs";

const IdParams = z.object({ id: z.uuid() });

/** Allocation runs: compute (preview), read, publish the snapshot, commit into proposals. */
export const allocationRoutes: FastifyPluginAsyncZod = async (app) => {
  // The optimiser's worker thread ends with the server (it restarts on the next run if needed).
  app.addHook("onClose", async () => solverPool.close());
  app.get(
    "/api/v1/allocation-runs",
    {
      config: { policy: allocationPolicy.gate("run") },
      schema: {
        tags: ["allocation"],
        summary: "The coordination office's recent allocation runs, newest first",
        querystring: z.object({ crisisId: z.uuid().optional() }).strict(),
        response: { 200: z.object({ items: z.array(AllocationRunSummary) }) },
      },
    },
    async (request) => ({ items: await listAllocationRuns(app.db, request.actor!, request.query) }),
  );
  app.post(
    "/api/v1/allocation-runs",
    {
      config: { policy: allocationPolicy.gate("run") },
      schema: {
        tags: ["allocation"],
        summary: "Compute the optimal allocation for a scope: a preview, nothing changes",
        description:
          "Solves the model of docs/ALLOCATION.md exactly in a worker thread and stores the run with its input snapshot. " +
          "Returns assignments (pseudonymised), unfilled slots with the binding reason, the value of every objective level and the run time.",
        body: CreateRunBody,
        response: { 201: AllocationRun },
      },
    },
    async (request, reply) => reply.status(201).send(await createAllocationRun(app.db, request.actor!, request.body)),
  );
  app.get(
    "/api/v1/allocation-runs/:id",
    {
      config: { policy: allocationPolicy.gate("run") },
      schema: { tags: ["allocation"], summary: "One allocation run", params: IdParams, response: { 200: AllocationRun } },
    },
    async (request) => getAllocationRun(app.db, request.actor!, request.params.id),
  );
  app.get(
    "/api/v1/allocation-runs/:id/snapshot",
    {
      config: { policy: allocationPolicy.gate("run") },
      schema: {
        tags: ["allocation"],
        summary: "Input snapshot and result of a run, pseudonymised (format: docs/ALLOCATION.md)",
        params: IdParams,
        response: { 200: z.object({ snapshot: z.record(z.string(), z.unknown()), result: z.record(z.string(), z.unknown()).nullable() }) },
      },
    },
    async (request, reply) => {
      const body = await getAllocationSnapshot(app.db, request.actor!, request.params.id);
      reply.header("content-disposition", `attachment; filename="zuteilungslauf-${request.params.id}.json"`);
      return body as unknown as { snapshot: Record<string, unknown>; result: Record<string, unknown> | null };
    },
  );
  app.post(
    "/api/v1/allocation-runs/:id/commit",
    {
      config: { policy: allocationPolicy.gate("commit") },
      schema: {
        tags: ["allocation"],
        summary: "Commit all or some assignments of a run as secondment proposals",
        description: "All-or-nothing: when an assignment no longer holds, nothing is created and the problem names it.",
        params: IdParams,
        body: CommitRunBody,
        response: { 200: AllocationRun },
      },
    },
    async (request) => commitAllocationRun(app.db, request.actor!, request.params.id, request.body, app.config.baseUrl),
  );
};
