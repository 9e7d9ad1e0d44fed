/**
 * A running secondment with a person who can sign in, for the browser tests of hours: Jonas Weber
 * (a new employee account of Wunstorf's Bauordnung, made by its HR office) seconded to the
 * Gesundheitsamt since three weeks, walked through the real API by each party
 * (`test/active-secondment.ts`), so the tests own its hours (the demo's running secondment of
 * `abgeordnete@garbsen.demo` belongs to newcomers). Made once per server: a second call finds it again.
 */
import { baseUrl, demoPassword } from "./browser";
import { runningSecondment, type Send } from "../test/active-secondment";

/** The seconded person. */
export const PERSON = { login: "jonas.weber@wunstorf.demo", name: "Jonas Weber" };

/** Signs in through the API; null when the account does not exist (yet). */
export async function apiSignIn(login: string): Promise<Send | null> {
  const res = await fetch(`${baseUrl()}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ login, password: demoPassword() }),
  });
  if (!res.ok) return null;
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return async (method, url, payload) => {
    const answer = await fetch(`${baseUrl()}${url}`, {
      method,
      headers: { cookie, "x-csrf-token": csrfToken, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    return { status: answer.status, body: await answer.text() };
  };
}

/** A party's API calls (the browser tests' arrangement, through the real API). */
export const as = async (login: string) => {
  const send = await apiSignIn(login);
  if (!send) throw new Error(`sign-in of ${login} failed`);
  return send;
};

/** The id of Jonas Weber's (or another Wunstorf person's) running secondment, made on first use. */
export async function ensureRunningSecondment(who: { login: string; name: string } = PERSON): Promise<string> {
  let person = await apiSignIn(who.login);
  if (person) {
    const list = JSON.parse((await person("GET", "/api/v1/secondments?state=active")).body) as { items: Array<{ id: string }> };
    if (list.items[0]) return list.items[0].id;
  }
  const wunstorfHr = await as("personal@wunstorf.demo");
  const bauamt = await as("bauamt@wunstorf.demo");
  if (!person) {
    const department = JSON.parse((await bauamt("GET", "/api/v1/me")).body).department.id as string;
    const created = await wunstorfHr("POST", "/api/v1/accounts", {
      login: who.login,
      displayName: who.name,
      roles: ["employee"],
      departmentId: department,
      initialPassword: demoPassword(),
    });
    if (created.status !== 201) throw new Error(`account: ${created.status} ${created.body}`);
    person = await as(who.login);
  }
  const { id } = await runningSecondment({
    health: await as("gesundheitsamt@region-hannover.demo"),
    regionHr: await as("personal@region-hannover.demo"),
    wunstorfHr,
    bauamt,
    person,
    council: await as("personalrat@wunstorf.demo"),
    coordination: await as("koordination@region-hannover.demo"),
  });
  return id;
}
