/**
 * Request validation in one place, for every route including those added later:
 *
 * - Text anywhere in the body, the query string or the path (values and keys) may not contain
 *   control characters other than tab and line feed, nor a broken Unicode character: a 400
 *   naming each such field. (PostgreSQL refuses NUL outright; the others break logs, CSV, iCal
 *   and mail headers.)
 * - The zod schema then decides; its issues become field problems with German and English words
 *   (a missing field is "Bitte füllen Sie dieses Feld aus", a wrong type "Geben Sie eine Zahl ein"), and each
 *   unknown field is named.
 * - At registration, a route whose body or query schema has an object that does not refuse unknown
 *   fields (`.strict()`; `z.looseObject` to accept them on purpose), or a date format without the
 *   shared range (`isoDate`), is refused — the app does not start (like a route without a policy).
 * - An `/api/v1` route without a query schema takes no query parameters; one without a body schema
 *   takes no body.
 */
import fp from "fastify-plugin";
import type { FastifyInstance, FastifySchema, RouteOptions } from "fastify";
import { z } from "zod";
import { safeParse, type $ZodIssue, type $ZodType } from "zod/v4/core";
import { hasDateRange } from "./input-schemas";
import { AppError, describeIssue, type Bilingual, type FieldProblem } from "../kernel/problems";

/** Control characters other than tab (U+0009) and line feed (U+000A), C1 controls included. */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** Half of a surrogate pair without its other half: no Unicode character at all. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CONTROL_MESSAGE: Bilingual = {
  de: "Enthält ein unzulässiges Steuerzeichen.",
  en: "Contains a control character that is not allowed.",
};
const SURROGATE_MESSAGE: Bilingual = {
  de: "Enthält ein ungültiges Zeichen.",
  en: "Contains an invalid character.",
};

/** Marks the validation entries this module made, for the error handler. */
export const FIELD_PROBLEM = Symbol.for("verbund.fieldProblem");

/** One entry of `error.validation` as Fastify expects it, carrying the field problem. */
export interface ValidationEntry {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  message: string;
  params: Record<string, unknown>;
  [FIELD_PROBLEM]: FieldProblem;
}

function entry(problem: FieldProblem): ValidationEntry {
  return {
    instancePath: `/${problem.field.replace(/\./g, "/")}`,
    schemaPath: `#/${problem.rule}`,
    keyword: problem.rule,
    message: problem.message.en,
    params: {},
    [FIELD_PROBLEM]: problem,
  };
}

const CONTROL_CHARACTERS = new RegExp(CONTROL_CHARACTER.source, "g");

/** Field problems named at most in one answer (a hostile body may hold a hundred thousand). */
export const MAX_FIELD_PROBLEMS = 50;

/** Segments of a field name shown at most (a hostile body may nest half a million levels). */
const MAX_SEGMENTS = 32;

/**
 * The dotted name of a field: `availability.0.endsOn`; the part itself at the root. A key that is
 * empty is written `""`; control characters in a key become U+FFFD; a very deep path is cut.
 */
function fieldName(path: ReadonlyArray<PropertyKey>, part: string): string {
  if (path.length === 0) return part;
  const shown = path.length > MAX_SEGMENTS ? [...path.slice(0, MAX_SEGMENTS - 1), "…"] : path;
  return shown.map((p) => (String(p) === "" ? '""' : String(p).replace(CONTROL_CHARACTERS, "\uFFFD"))).join(".");
}

function badText(text: string): Bilingual | undefined {
  if (CONTROL_CHARACTER.test(text)) return CONTROL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return SURROGATE_MESSAGE;
  return undefined;
}

/**
 * Every text value and key in `data` that holds a control character (other than tab and line
 * feed) or a broken Unicode character, as field problems of `part` (`body`, `querystring`, …);
 * the first {@link MAX_FIELD_PROBLEMS} found.
 */
export function unsafeTextProblems(data: unknown, part: string): FieldProblem[] {
  // Iterative, with parent links instead of copied paths: deep nesting costs no more than its size.
  type Node = { value: unknown; key?: string; parent?: Node };
  const pathOf = (node: Node): string[] => {
    const path: string[] = [];
    for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.push(n.key);
    return path.reverse();
  };
  const problems: FieldProblem[] = [];
  const stack: Node[] = [{ value: data }];
  while (stack.length > 0 && problems.length < MAX_FIELD_PROBLEMS) {
    const node = stack.pop()!;
    const message =
      (node.key !== undefined ? badText(node.key) : undefined) ?? (typeof node.value === "string" ? badText(node.value) : undefined);
    if (message) problems.push({ field: fieldName(pathOf(node), part), in: part, rule: "control_character", message });
    if (node.value && typeof node.value === "object") {
      // Pushed in reverse, so that fields are found in the order of the document.
      const entries = Object.entries(node.value);
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], key: entries[i][0], parent: node });
    }
  }
  return problems;
}

/** A zod issue as field problems: one per unknown key, else one for the issue's path. */
function issueProblems(issue: $ZodIssue, part: string): FieldProblem[] {
  if (issue.code === "unrecognized_keys") {
    return issue.keys.map((key) => ({
      field: fieldName([...issue.path, key], part),
      in: part,
      rule: "unrecognized_keys",
      message: { de: "Unbekanntes Feld.", en: "Unknown field." },
    }));
  }
  const { path, code, message: _message, ...params } = issue;
  return [{ field: fieldName(path, part), in: part, rule: code, message: describeIssue(code, params as Record<string, unknown>) }];
}

/**
 * The validator compiler of every route: refuses unsafe text first, then parses with the route's
 * zod schema. Returns Fastify's `{ value }` or `{ error }` (entries carrying field problems).
 */
export function validatorCompiler({ schema, httpPart }: { schema: unknown; httpPart?: string }) {
  const part = httpPart ?? "body";
  return (data: unknown): { value: unknown } | { error: ValidationEntry[] } => {
    const unsafe = unsafeTextProblems(data, part);
    const result = safeParse(schema as $ZodType, data, { reportInput: true });
    if (unsafe.length === 0 && result.success) return { value: result.data };
    const named = new Set(unsafe.map((p) => p.field));
    const fromSchema = result.success ? [] : result.error.issues.flatMap((issue) => issueProblems(issue, part));
    const problems = [...unsafe, ...fromSchema.filter((p) => !named.has(p.field))];
    return { error: problems.slice(0, MAX_FIELD_PROBLEMS).map(entry) };
  };
}

/** The field problems of a validation error made by {@link validatorCompiler}, or undefined. */
export function fieldProblemsOf(error: { validation?: unknown }): FieldProblem[] | undefined {
  const validation = error.validation;
  if (!Array.isArray(validation) || validation.length === 0) return undefined;
  if (!validation.every((v) => v && typeof v === "object" && FIELD_PROBLEM in v)) return undefined;
  return validation.map((v: ValidationEntry) => v[FIELD_PROBLEM]);
}

// ---------------------------------------------------------------------------------------------
// Checks at registration

type Def = {
  type: string;
  shape?: Record<string, $ZodType>;
  catchall?: $ZodType;
  element?: $ZodType;
  innerType?: $ZodType;
  in?: $ZodType;
  out?: $ZodType;
  options?: $ZodType[];
  left?: $ZodType;
  right?: $ZodType;
  valueType?: $ZodType;
  items?: $ZodType[];
  rest?: $ZodType | null;
  getter?: () => $ZodType;
  format?: string;
};

const DATE_FORMATS = new Set(["date", "datetime", "time"]);

/**
 * What is wrong with an input schema: objects that silently drop unknown fields (write
 * `.strict()`, or `z.looseObject` where unknown fields are accepted on purpose), and date or time
 * formats without the shared range (use `isoDate` from `server/input-schemas.ts`).
 */
export function inputSchemaDefects(schema: unknown, part: string): string[] {
  const defects: string[] = [];
  const seen = new Set<unknown>();
  const visit = (node: $ZodType | null | undefined, path: string) => {
    if (!node || seen.has(node) || !(node as { _zod?: unknown })._zod) return;
    seen.add(node);
    const def = node._zod.def as unknown as Def;
    switch (def.type) {
      case "object":
        if (!def.catchall) defects.push(`${path}: object drops unknown fields silently; make it .strict() (or z.looseObject on purpose)`);
        for (const [key, child] of Object.entries(def.shape ?? {})) visit(child, `${path}.${key}`);
        return;
      case "array":
        return visit(def.element, `${path}[]`);
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "catch":
      case "readonly":
      case "nonoptional":
        return visit(def.innerType, path);
      case "pipe":
        visit(def.in, path);
        return visit(def.out, path);
      case "union":
        return def.options?.forEach((option) => visit(option, path));
      case "intersection":
        visit(def.left, path);
        return visit(def.right, path);
      case "record":
        return visit(def.valueType, `${path}[*]`);
      case "tuple":
        def.items?.forEach((item, i) => visit(item, `${path}[${i}]`));
        return visit(def.rest, `${path}[…]`);
      case "lazy":
        return visit(def.getter?.(), path);
      case "string":
        if (def.format && DATE_FORMATS.has(def.format) && !hasDateRange(node as never)) {
          defects.push(`${path}: ${def.format} without the shared range; use isoDate/isoDateTime from server/input-schemas.ts`);
        }
        return;
    }
  };
  visit(schema as $ZodType, part);
  return defects;
}

/** Query schema of `/api/v1` routes that declare none: no parameters at all. */
const NO_QUERY = z.strictObject({});

/** Whether a parsed body carries anything (an empty object or nothing at all does not). */
function hasContent(body: unknown): boolean {
  if (body === undefined || body === null || body === "") return false;
  if (typeof body === "object" && !Array.isArray(body) && !Buffer.isBuffer(body)) return Object.keys(body).length > 0;
  return true;
}

/** The checks above as a plugin; register it before the routes. */
async function validationPlugin(app: FastifyInstance) {
  app.setValidatorCompiler(validatorCompiler);
  app.addHook("onRoute", (route: RouteOptions) => {
    const schema = (route.schema ?? {}) as FastifySchema & { body?: unknown; querystring?: unknown };
    const defects = [...inputSchemaDefects(schema.body, "body"), ...inputSchemaDefects(schema.querystring, "querystring")];
    if (defects.length > 0) {
      throw new Error(`Route ${[route.method].flat().join(",")} ${route.url} has input schema defects:\n  ${defects.join("\n  ")}`);
    }
    if (route.url.startsWith("/api/v1") && !schema.querystring) route.schema = { ...schema, querystring: NO_QUERY };
  });
  app.addHook("preValidation", async (request) => {
    if (!request.routeOptions.url?.startsWith("/api/v1") || request.routeOptions.schema?.body) return;
    if (hasContent(request.body)) {
      throw new AppError("validation", {
        fields: [
          {
            field: "body",
            in: "body",
            rule: "unexpected_body",
            message: { de: "Diese Anfrage nimmt keine Daten im Inhalt an.", en: "This request takes no body." },
          },
        ],
      });
    }
  });
}

export default fp(validationPlugin, { name: "verbund-validation" });
