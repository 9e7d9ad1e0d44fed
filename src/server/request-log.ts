import { LogController, type FastifyReply, type FastifyRequest } from "fastify";

/**
 * Logs the per-request lines ("incoming request", "request completed", "route not found") at
 * `debug` instead of `info`: demo mode (`Config.requestLogLevel`), where the console is a
 * newcomer's and must keep the start banner in sight. A request that fails still logs its error.
 */
export class DebugRequestLog extends LogController {
  override incomingRequest(request: FastifyRequest) {
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, "incoming request");
  }
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply) {
    if (error) return super.requestCompleted(error, request, reply);
    if (!this.isLogDisabled(request)) reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, "request completed");
  }
  override routeNotFound(request: FastifyRequest) {
    if (!this.isLogDisabled(request)) request.log.debug(`Route ${request.raw.method}:${request.raw.url} not found`);
  }
}
