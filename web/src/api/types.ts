import type { paths } from "./schema";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Json<R> = R extends { content: { "application/json": infer B } } ? B : never;

/**
 * The JSON body of the successful answer (200, 201 or 202) of `method path`, from the types
 * generated out of the server's OpenAPI document. Features name their types with it in their
 * `api.ts`, so that no page spells a response type inline.
 *
 * @example
 * export type Outbox = ResponseOf<"/api/v1/outbox">;
 */
export type ResponseOf<P extends keyof paths, M extends Method = "get"> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer A }
    ? Json<A>
    : R extends { 201: infer A }
      ? Json<A>
      : R extends { 202: infer A }
        ? Json<A>
        : never
  : never;

/** The JSON body that `method path` accepts. */
export type RequestBodyOf<P extends keyof paths, M extends Method> = paths[P][M] extends {
  requestBody?: { content: { "application/json": infer B } };
}
  ? B
  : never;
