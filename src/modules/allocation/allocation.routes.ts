import { promisify } from "node:util";
import { gunzip as gunzipCallback } from "node:zlib";
import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { pageQuery, pageSchema } from "../../kernel/paging";
import { allocationPolicy } from "./allocation.policy";
import { RunGate } from "./run-gate";
import { solverPool } from "./solver-pool";
import { AllocationRun, AllocationRunSummary, CommitRunBody, CreateRunBody } from "./allocation.schemas";
import { commitAllocationRun, createAllocationRun, getAllocationRun, getAllocationSnapshot, listAllocationRuns } from "./allocation-runs";

const IdParams = z.object({ id: z.uuid() });
const gunzip = promisify(gunzipCallback);

/** Allocation runs: compute (preview), read, publish the snapshot, commit into proposals. */
export const allocationRoutes: FastifyPluginAsyncZod = async (app) => {
  // The optimiser's worker thread ends with the server (it restarts on the next run if needed).
  app.addHook("onClose", async () => solverPool.close());
  // At most a few runs of this process compute at once; a few more wait, the rest get 503.
  const gate = new RunGate({ concurrent: app.config.allocationConcurrency, queued: app.config.allocationQueue });
  app.get(
    "/api/v1/allocation-runs",
    {
      config: { policy: allocationPolicy.gate("run") },
      schema: {
        operationId: "listAllocationRuns",
        tags: ["allocation"],
        summary: "The coordination office's allocation runs, newest first (paged)",
        querystring: z.object({ crisisId: z.uuid().optional(), ...pageQuery }).strict(),
        response: { 200: pageSchema(AllocationRunSummary) },
      },
    },
    async (request) => listAllocationRuns(app.db, request.actor!, request.query),
  );
  app.post(
    "/api/v1/allocation-runs",
    {
      // A scope naming requests outside it is refused (422); too many runs at once wait or get 503.
      config: { policy: allocationPolicy.gate("run"), problems: ["unprocessable", "unavailable"] },
      schema: {
        operationId: "startAllocationRun",
        tags: ["allocation"],
        summary: "Compute the optimal allocation for a scope: a preview, nothing changes",
        description:
          "Solves the model of docs/ALLOCATION.md exactly in a worker thread and stores the run with its input snapshot. " +
          "Returns assignments (pseudonymised), unfilled slots with the binding reason, the value of every objective level and the run time. " +
          "A server computes one run at a time (VERBUND_ALLOCATION_CONCURRENCY) and lets a few more wait; beyond that it answers 503 with Retry-After.",
        body: CreateRunBody,
        response: { 201: AllocationRun },
      },
    },
    async (request, reply) => {
      const json = await createAllocationRun(app.db, request.actor!, request.body, gate);
      // JSON the worker rendered and checked against AllocationRun: sent as it is.
      return reply
        .status(201)
        .type("application/json; charset=utf-8")
        .send(json as never);
    },
  );
  app.get(
    "/api/v1/allocation-runs/:id",
    {
      config: { policy: allocationPolicy.gate("run") },
      schema: {
        operationId: "getAllocationRun",
        tags: ["allocation"],
        summary: "One allocation run",
        params: IdParams,
        response: { 200: AllocationRun },
      },
    },
    async (request) => getAllocationRun(app.db, request.actor!, request.params.id),
  );
  app.get(
    "/api/v1/allocation-runs/:id/snapshot",
    {
      config: { policy: allocationPolicy.gate("run") },
      schema: {
        operationId: "getAllocationRunSnapshot",
        tags: ["allocation"],
        summary: "Input snapshot and result of a run, pseudonymised (format: docs/ALLOCATION.md)",
        params: IdParams,
        response: { 200: z.object({ snapshot: z.record(z.string(), z.unknown()), result: z.record(z.string(), z.unknown()).nullable() }) },
      },
    },
    async (request, reply) => {
      const stored = await getAllocationSnapshot(app.db, request.actor!, request.params.id);
      reply.header("content-disposition", `attachment; filename="zuteilungslauf-${request.params.id}.json"`);
      reply.type("application/json; charset=utf-8").header("vary", "accept-encoding");
      // Megabytes this thread need not parse: the stored gzip as it is to clients that take gzip
      // (every browser), unpacked in libuv's thread pool for the others.
      if ("json" in stored) return reply.send(stored.json as never);
      if (/\bgzip\b/.test(request.headers["accept-encoding"] ?? ""))
        return reply.header("content-encoding", "gzip").send(stored.gzip as never);
      return reply.send((await gunzip(stored.gzip)) as never);
    },
  );
  app.post(
    "/api/v1/allocation-runs/:id/commit",
    {
      config: { policy: allocationPolicy.gate("commit") },
      schema: {
        operationId: "commitAllocationRun",
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
