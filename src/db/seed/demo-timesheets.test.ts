/** The demo's hours: what a newcomer finds as the Gesundheitsamt's head and as the lending side. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/app";
import { seedDemoPool } from "./demo-pool";
import { seedDemoSecondments } from "./demo-secondments";
import { seedDemoTimesheets } from "./demo-timesheets";

let t: TestApp;
let seeded: number;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemoPool(t.database.db);
  await seedDemoSecondments(t.database.db);
  seeded = await seedDemoTimesheets(t.database.db);
});
afterAll(async () => t?.close());

describe("demo hours", () => {
  it("the Gesundheitsamt's head finds open days to confirm, a returned one and travel costs with a PDF receipt", async () => {
    expect(seeded).toBeGreaterThan(5);
    expect(await seedDemoTimesheets(t.database.db)).toBe(0);
    const head = await t.signIn("gesundheitsamt@region-hannover.demo");
    const tasks = (await head.request({ method: "GET", url: "/api/v1/me/tasks" })).json().items as Array<{
      kind: string;
      step: { de: string };
      link: string;
    }>;
    const task = tasks.find((x) => x.kind === "timesheet_confirm")!;
    expect(task.step.de).toMatch(/^Stunden bestätigen: \d+ Tage von \p{L}+/u);
    const id = task.link.split("/")[2];
    const months = new Set<string>();
    const states = new Set<string>();
    for (const month of [-1, 0].map((n) => new Date(Date.now() + n * 20 * 86_400_000).toISOString().slice(0, 7))) {
      if (months.has(month)) continue;
      months.add(month);
      const sheet = (await head.request({ method: "GET", url: `/api/v1/secondments/${id}/timesheets?month=${month}` })).json();
      for (const e of sheet.entries) states.add(e.state);
      const expenses = (await head.request({ method: "GET", url: `/api/v1/secondments/${id}/expenses?month=${month}` })).json();
      for (const e of expenses.items) {
        const receipt = await head.request({
          method: "GET",
          url: `/api/v1/secondments/${id}/expenses/${e.id}/receipts/${e.receipts[0].id}`,
        });
        expect(receipt.headers["content-type"]).toBe("application/pdf");
        expect(receipt.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
        states.add(`expense:${e.state}`);
      }
    }
    expect([...states].sort()).toEqual(["confirmed", "expense:recorded", "recorded", "returned"]);
  });

  it("the seconded person signs in with her demo account and finds the returned day of the same secondment to correct", async () => {
    const head = await t.signIn("gesundheitsamt@region-hannover.demo");
    const headTasks = (await head.request({ method: "GET", url: "/api/v1/me/tasks" })).json().items as Array<{
      kind: string;
      link: string;
    }>;
    const confirm = headTasks.find((x) => x.kind === "timesheet_confirm")!;
    const person = await t.signIn("abgeordnete@garbsen.demo");
    const tasks = (await person.request({ method: "GET", url: "/api/v1/me/tasks" })).json().items as Array<{ kind: string; link: string }>;
    const returned = tasks.find((x) => x.kind === "timesheet_returned");
    expect(returned?.link.split("/")[2]).toBe(confirm.link.split("/")[2]);
    const secondment = (await person.request({ method: "GET", url: `/api/v1/secondments/${confirm.link.split("/")[2]}` })).json();
    expect(secondment.state).toBe("active");
  });
});
