/**
 * A region of its own for list tests: "Testkreis" (the regional administration, whose HR office
 * also coordinates the region) and the municipality "Testheim", nothing in them but what a test
 * adds. Every list of Verbund can be filled row by row here (`add.<list>(n)`), so a test can read
 * the same list at 2 and at 40 rows (test/query-count.test.ts) or page through it
 * (test/paging.test.ts). Rows are written with Drizzle like the seeds do; the app reads them
 * through its real routes.
 */
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../src/db/client";
import { createAdministrator } from "../src/cli/create-admin";
import {
  accountRoles,
  accounts,
  apiKeys,
  allocationRuns,
  auditEvents,
  crises,
  frameworkAgreements,
  onboardingItems,
  organizations,
  outboxMessages,
  poolMemberQualifications,
  availabilityWindows,
  poolMembers,
  qualifications,
  regions,
  secondmentTransitions,
  secondments,
  statements,
  supportRequestQualifications,
  supportRequests,
  serviceStandards,
  serviceStandardVersions,
  submissions,
} from "../src/db/schema";
import type { SecondmentState } from "../src/domain/secondment/workflow";
import { TEST_PASSWORD } from "./constants";

/** The caller of the list tests: HR office of Testkreis and coordination of the region. */
export const WORLD_HR = "personal@testkreis.example";
/** The HR office of Testheim (borrower of the secondments). */
export const WORLD_BORROWER_HR = "personal@testheim.example";
/** An employee of Testkreis who is in the pool (its reads are listed to it). */
export const WORLD_EMPLOYEE = "mitarbeiterin@testkreis.example";

/** The states a secondment of the world takes, in turn: every branch of presenting it. */
const STATES: SecondmentState[] = [
  "proposed",
  "released",
  "approved",
  "staff_council",
  "accepted",
  "agreed",
  "onboarding",
  "active",
  "completed",
];

/** The region, its two administrations and the functions that add rows to each list. */
export interface ListWorld {
  regionId: string;
  lenderId: string;
  borrowerId: string;
  hrAccountId: string;
  employeeMemberId: string;
  /** Adds `n` rows to a list, each visible to {@link WORLD_HR} (readers: to {@link WORLD_EMPLOYEE}). */
  add: Record<
    | "accounts"
    | "poolMembers"
    | "qualifications"
    | "crises"
    | "supportRequests"
    | "secondments"
    | "auditEvents"
    | "outbox"
    | "allocationRuns"
    | "organizations"
    | "readers"
    | "statements"
    | "submissions"
    | "apiKeys",
    (n: number) => Promise<void>
  >;
}

let counter = 0;
const next = () => ++counter;
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Creates the world in a test database (once per database). */
export async function createListWorld(db: Db): Promise<ListWorld> {
  const [region] = await db.insert(regions).values({ code: "09999", name: "Testkreis" }).returning();
  const org = (ags: string, name: string, kind: "region" | "municipality", lat: number) => ({
    regionId: region.id,
    ags,
    name,
    kind,
    designation: kind === "region" ? "Landkreis" : "Gemeinde",
    population: 10_000,
    areaKm2: 50,
    lat,
    lon: 9.7,
  });
  const [lender] = await db
    .insert(organizations)
    .values(org("09999", "Testkreis", "region", 52.4))
    .returning();
  const [borrower] = await db
    .insert(organizations)
    .values(org("09999001", "Testheim", "municipality", 52.41))
    .returning();
  const hr = await createAdministrator(db, { ags: "09999", login: WORLD_HR, password: TEST_PASSWORD, displayName: "Anna Amt" });
  await createAdministrator(db, { ags: "09999001", login: WORLD_BORROWER_HR, password: TEST_PASSWORD, roles: ["org_admin"] });
  const employee = await createAdministrator(db, { ags: "09999", login: WORLD_EMPLOYEE, password: TEST_PASSWORD, roles: ["employee"] });
  const owner = { regionId: region.id, organizationId: lender.id };
  const [framework] = await db
    .insert(frameworkAgreements)
    .values({ regionId: region.id, version: 1, title: "Rahmenvereinbarung", body: "…", validFrom: day(-400) })
    .returning();

  const member = (name: string, accountId: string | null = null) => ({
    ...owner,
    name,
    workEmail: `${name.toLowerCase().replace(/[^a-z]/g, "")}${next()}@testkreis.example`,
    jobTitle: "Sachbearbeitung",
    employmentStatus: (next() % 3 === 0 ? "civil_servant" : "employee") as "employee" | "civil_servant",
    payGroup: "E 9a",
    consentVersion: "1",
    consentedAt: new Date(),
    accountId,
  });
  const [self] = await db.insert(poolMembers).values(member("Mia Mitarbeiterin", employee.id)).returning();

  const quals: string[] = [];
  const addQualifications = async (n: number) => {
    const rows = await db
      .insert(qualifications)
      .values(
        Array.from({ length: n }, () => ({
          regionId: region.id,
          key: `q${next()}`,
          name: `Qualifikation ${next()}`,
          category: "IT" as const,
        })),
      )
      .returning();
    quals.push(...rows.map((r) => r.id));
  };
  const members: string[] = [self.id];
  const addMembers = async (n: number) => {
    const rows = await db
      .insert(poolMembers)
      .values(Array.from({ length: n }, (_, i) => member(["Özlem Öztürk", "Anton Abel", "Ärmel Ähre", "Zora Zander"][i % 4])))
      .returning();
    members.push(...rows.map((r) => r.id));
    if (quals.length === 0) await addQualifications(2);
    await db
      .insert(poolMemberQualifications)
      .values(rows.map((r) => ({ ...owner, memberId: r.id, qualificationId: quals[0], confirmedAt: new Date(), confirmedBy: hr.id })));
    await db
      .insert(availabilityWindows)
      .values(rows.map((r) => ({ ...owner, memberId: r.id, startsOn: day(-30), endsOn: day(400), hoursPerWeek: 39 })));
  };
  const requests: string[] = [];
  const pairs = new Set<string>();
  const addRequests = async (n: number) => {
    if (quals.length === 0) await addQualifications(2);
    const rows = await db
      .insert(supportRequests)
      .values(
        Array.from({ length: n }, (_, i) => ({
          regionId: region.id,
          organizationId: borrower.id,
          title: `Anfrage ${next()}`,
          tasks: "Aufgaben",
          placeLat: 52.41,
          placeLon: 9.7,
          headcount: 2,
          startsOn: day(10 + (i % 7)),
          endsOn: day(100),
          hoursPerWeek: 20,
          urgency: (["normal", "urgent", "crisis"] as const)[i % 3],
          settlementModel: "reimbursement" as const,
          contactName: "Kontakt",
          contactEmail: "kontakt@testheim.example",
          status: "open" as const,
        })),
      )
      .returning();
    requests.push(...rows.map((r) => r.id));
    await db.insert(supportRequestQualifications).values(
      rows.map((r, i) => ({
        regionId: region.id,
        organizationId: borrower.id,
        requestId: r.id,
        qualificationId: quals[i % 2 ? 0 : quals.length - 1],
        isRequired: i % 2 === 0,
      })),
    );
  };

  return {
    regionId: region.id,
    lenderId: lender.id,
    borrowerId: borrower.id,
    hrAccountId: hr.id,
    employeeMemberId: self.id,
    add: {
      async accounts(n) {
        const rows = await db
          .insert(accounts)
          .values(
            Array.from({ length: n }, () => ({
              ...owner,
              login: `konto${next()}@testkreis.example`,
              displayName: `Ülrike Konto ${next()}`,
            })),
          )
          .returning();
        await db.insert(accountRoles).values(rows.map((a) => ({ ...owner, accountId: a.id, role: "clerk" as const })));
      },
      poolMembers: addMembers,
      qualifications: addQualifications,
      async apiKeys(n) {
        await db.insert(apiKeys).values(
          Array.from({ length: n }, () => {
            const k = next();
            return {
              ...owner,
              name: `Fachverfahren ${k}`,
              prefix: `vbk_list${k}`,
              secretHash: `list-world-${k}-${Math.random()}`,
              scopes: ["submissions"],
              createdByAccountId: hr.id,
            };
          }),
        );
      },
      async statements(n) {
        // One statement per pair and month: a month of its own each.
        await db.insert(statements).values(
          Array.from({ length: n }, () => {
            const k = next();
            const month = `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
            const body = {
              lenderOrganizationId: lender.id,
              borrowerOrganizationId: borrower.id,
              month,
              periodStart: `${month}-01`,
              periodEnd: `${month}-28`,
              lines: [],
              excluded: [],
              personnelCents: 0,
              expensesCents: 0,
              netCents: 0,
              vat: { category: "O" as const, percent: 0, amountCents: 0 },
              grossCents: 0,
            };
            return { ...owner, borrowerOrganizationId: borrower.id, month, body, netCents: 0, vatCents: 0, grossCents: 0 };
          }),
        );
      },
      async submissions(n) {
        // One standard (made at the first call), a month of its own per value: drafts of the HR office's administration.
        let [standard] = await db.select().from(serviceStandards).where(eq(serviceStandards.regionId, region.id));
        if (!standard) {
          [standard] = await db.insert(serviceStandards).values({ regionId: region.id, key: "welt-kennzahl" }).returning();
          await db.insert(serviceStandardVersions).values({
            regionId: region.id,
            standardId: standard.id,
            version: 1,
            title: "Weltkennzahl",
            titleEn: "World indicator",
            theme: "buergerservice",
            indicatorDefinition: "…",
            measurement: "…",
            unit: "count",
            aggregation: "sum",
            direction: "higher_is_better",
            periodicity: "month",
            target: 10,
            validFrom: "2000-01-01",
            anchor: "…",
            appliesTo: "all",
          });
        }
        const [version] = await db.select().from(serviceStandardVersions).where(eq(serviceStandardVersions.standardId, standard.id));
        await db.insert(submissions).values(
          Array.from({ length: n }, () => {
            const k = next();
            const month = `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
            return {
              ...owner,
              standardId: standard.id,
              standardVersionId: version.id,
              period: month,
              periodStart: `${month}-01`,
              periodEnd: `${month}-28`,
              value: k,
            };
          }),
        );
      },
      async crises(n) {
        await db.insert(crises).values(
          Array.from({ length: n }, (_, i) => ({
            regionId: region.id,
            name: `Lage ${next()}`,
            description: "…",
            startsOn: day(-i),
            endedAt: i % 2 ? new Date() : null,
          })),
        );
      },
      supportRequests: addRequests,
      async secondments(n) {
        if (requests.length < 4) await addRequests(4);
        // One secondment per person and request (a unique index while in play): enough people first.
        if (members.length * requests.length < pairs.size + n) await addMembers(Math.ceil(n / requests.length) + 1);
        const pairFor = () => {
          for (const m of members)
            for (const r of requests)
              if (!pairs.has(`${m}/${r}`)) {
                pairs.add(`${m}/${r}`);
                return { memberId: m, requestId: r };
              }
          throw new Error("no free pair");
        };
        const rows = await db
          .insert(secondments)
          .values(
            Array.from({ length: n }, (_, i) => {
              const k = next();
              const state = STATES[k % STATES.length];
              return {
                ...owner,
                borrowerOrganizationId: borrower.id,
                ...pairFor(),
                state,
                councilStatus: state === "staff_council" ? ("pending" as const) : ("not_required" as const),
                councilDeadline: state === "staff_council" ? day(5) : null,
                startsOn: day(10 + i),
                endsOn: day(60 + i),
                hoursPerWeek: 20,
                tasks: "Aufgaben",
                settlementModel: "reimbursement" as const,
                employmentStatus: "employee" as const,
                legalBasis: "§ 4 Abs. 1 TVöD (Abordnung)",
                frameworkAgreementId: ["agreed", "onboarding", "active", "completed"].includes(state) ? framework.id : null,
              };
            }),
          )
          .returning();
        // Every second one is an extension of the one before it (a chain the guards follow).
        for (let i = 1; i < rows.length; i += 2) {
          await db
            .update(secondments)
            .set({ amendsId: rows[i - 1].id, requestId: null })
            .where(eq(secondments.id, rows[i].id));
        }
        const parties = (s: (typeof rows)[number]) => ({ ...owner, borrowerOrganizationId: borrower.id, secondmentId: s.id });
        await db
          .insert(secondmentTransitions)
          .values(rows.map((s) => ({ ...parties(s), action: "propose" as const, toState: "proposed" as const, actorName: "Personalamt" })));
        const checklist = rows.flatMap((s) =>
          ["agreed", "onboarding", "active"].includes(s.state)
            ? [
                { ...parties(s), key: "it_account" as const, side: "borrower" as const, isRequired: true },
                { ...parties(s), key: "device" as const, side: "lender" as const, isRequired: true },
              ]
            : [],
        );
        if (checklist.length) await db.insert(onboardingItems).values(checklist);
      },
      async auditEvents(n) {
        await db.insert(auditEvents).values(
          Array.from({ length: n }, () => ({
            ...owner,
            // The HR office acted (the audit list's person filter finds them by its name).
            actorAccountId: hr.id,
            actorLogin: WORLD_HR,
            action: "update",
            entity: "pool_member",
            entityId: randomUUID(),
            visibility: "tenant" as const,
          })),
        );
      },
      async outbox(n) {
        await db.insert(outboxMessages).values(
          Array.from({ length: n }, () => ({
            ...owner,
            toAddress: `a${next()}@testkreis.example`,
            subject: "Betreff",
            textBody: "Text",
          })),
        );
      },
      async allocationRuns(n) {
        await db
          .insert(allocationRuns)
          .values(Array.from({ length: n }, () => ({ ...owner, createdBy: hr.id, status: "done" as const, memberIds: {}, runMs: 5 })));
      },
      async organizations(n) {
        await db
          .insert(organizations)
          .values(
            Array.from({ length: n }, () =>
              org(`09999${String(100 + next()).padStart(3, "0")}`, `Gemeinde ${next()}`, "municipality", 52.4),
            ),
          );
      },
      async readers(n) {
        await db.insert(auditEvents).values(
          Array.from({ length: n }, () => ({
            ...owner,
            action: "read",
            entity: "pool_member",
            entityId: self.id,
            subjectIds: [self.id],
            actorAccountId: hr.id,
            actorLogin: WORLD_HR,
            visibility: "tenant" as const,
          })),
        );
      },
    },
  };
}
