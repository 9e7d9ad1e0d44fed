import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { buildTestApp, type TestApp } from "../../test/app";
import { accounts } from "../modules/identity/identity.tables";
import { problemFromDatabaseError } from "./database-errors";
import { AppError } from "../kernel/problems";

// Real errors of the database under test (PGlite or PostgreSQL), turned into problems in one place.
let t: TestApp;

beforeAll(async () => {
  t = await buildTestApp({
    extend: async (app) => {
      app.post("/test/duplicate-login", async () => {
        const [a] = await app.db.select().from(accounts).limit(1);
        await app.db.insert(accounts).values({ ...a, id: undefined, login: a.login });
        return {};
      });
    },
  });
});
afterAll(async () => {
  await t?.close();
});

async function errorOf(query: Promise<unknown>): Promise<unknown> {
  try {
    await query;
  } catch (error) {
    return error;
  }
  throw new Error("the query did not fail");
}

describe("database errors become problems, never a 500", () => {
  it("a unique violation is a 409 naming the declared field and message", async () => {
    const [a] = await t.database.db.select().from(accounts).limit(1);
    const error = await errorOf(t.database.db.insert(accounts).values({ ...a, id: undefined }));
    const problem = problemFromDatabaseError(error);
    expect(problem).toBeInstanceOf(AppError);
    expect(problem!.status).toBe(409);
    expect(problem!.fields?.[0]).toMatchObject({ field: "login", rule: "unique" });
    expect(problem!.fields?.[0].message.de).toBe("Dieser Anmeldename ist bereits vergeben.");
  });

  it("a missing referenced row is a 404 naming the column as a field", async () => {
    const error = await errorOf(
      t.database.db.execute(
        sql`UPDATE accounts SET department_id = '00000000-0000-4000-8000-000000000000' WHERE login = 'personal@wunstorf.demo'`,
      ),
    );
    const problem = problemFromDatabaseError(error);
    expect(problem!.status).toBe(404);
    expect(problem!.fields?.[0]).toMatchObject({ field: "departmentId", rule: "exists" });
  });

  it("a value PostgreSQL cannot hold (year 0000, NUL) is a 400", async () => {
    const year0 = await errorOf(t.database.db.execute(sql`SELECT '0000-01-01'::date`));
    expect(problemFromDatabaseError(year0)!.status).toBe(400);
    const nul = await errorOf(t.database.db.update(accounts).set({ displayName: "a\u0000b" }).where(eq(accounts.login, "x")));
    expect(problemFromDatabaseError(nul)!.status).toBe(400);
  });

  it("an error that is not the database's stays unmapped", () => {
    expect(problemFromDatabaseError(new Error("boom"))).toBeUndefined();
    expect(problemFromDatabaseError(Object.assign(new Error("x"), { code: "ECONNRESET" }))).toBeUndefined();
  });

  it("through HTTP, the handler's unique violation answers 409 as a problem document without the query", async () => {
    const res = await t.anonymous().request({ method: "POST", url: "/test/duplicate-login" });
    expect(res.statusCode).toBe(409);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json().errors[0].field).toBe("login");
    expect(res.body).not.toMatch(/insert into|params/i);
  });
});
