import { and, eq, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { addDays, dateInGermany } from "../../kernel/dates";
import { RULES, type Action, type SecondmentState } from "../../domain/secondment/workflow";
import { legalBasisOf, ONBOARDING_TEMPLATE } from "../../modules/secondments/secondment-rules";
import { updateRequestFill } from "../../modules/secondments/request-fill";
import { frameworkAgreements, onboardingItems, secondmentTransitions, secondments } from "../../modules/secondments/secondments.tables";
import { organizations, poolMemberQualifications, poolMembers, qualifications, supportRequests } from "../schema";

const FRAMEWORK_TEXT = `Rahmenvereinbarung über die gegenseitige Personalunterstützung der Verwaltungen in der Region Hannover

§ 1 Zweck. Die Region Hannover und die regionsangehörigen Städte und Gemeinden unterstützen sich bei kurzfristigem Personalbedarf (Krisen, Rückstände) durch Abordnungen aus einem gemeinsamen Unterstützungspool.
§ 2 Personalkosten. Bei Kostenerstattung gelten die Personalkostensätze der KGSt je Entgelt- bzw. Besoldungsgruppe in der jeweils aktuellen Fassung, abgerechnet nach bestätigten Stunden. Gegenseitigkeit und Kostenverzicht werden im Einzelfall vereinbart.
§ 3 Haftung. Für Schäden, die abgeordnete Beschäftigte in Ausübung der Tätigkeit verursachen, haftet die aufnehmende Verwaltung im Innenverhältnis wie für eigene Beschäftigte.
§ 4 Unfallversicherung. Der Versicherungsschutz der gesetzlichen Unfallversicherung bleibt bestehen; Unfälle meldet die aufnehmende Verwaltung unverzüglich der abgebenden.
§ 5 Datenschutz. Für die im Unterstützungspool und in Verbund verarbeiteten Daten sind die beteiligten Verwaltungen gemeinsam Verantwortliche nach Art. 26 DSGVO; die Region Hannover ist Anlaufstelle für Betroffene.
§ 6 Personalvertretung. Die Beteiligungsrechte der Personalräte und Schwerbehindertenvertretungen bleiben unberührt.`;

/** The demo's overhead by position in `targets`; the others keep the framework agreement's office rate. */
const DEMO_OVERHEAD: Record<number, { overhead: "none" | "agreed"; overheadBasisPoints: number | null }> = {
  1: { overhead: "none", overheadBasisPoints: null },
  4: { overhead: "agreed", overheadBasisPoints: 1200 },
};

/** The canonical path of a secondment up to a state, as (action, to) steps. */
const PATH: Array<[Action | "propose", SecondmentState]> = [
  ["propose", "proposed"],
  ["release", "released"],
  ["approve", "approved"],
  ["accept", "staff_council"],
  ["council_consent", "accepted"],
  ["confirm", "agreed"],
  ["begin_onboarding", "onboarding"],
  ["activate", "active"],
];

/**
 * Demo secondments for the Gesundheitsamt's contact tracing request: people from several towns in
 * every stage of the workflow, and the region's framework agreement. Wunstorf's pool stays free
 * for trying the path oneself.
 */
export async function seedDemoSecondments(db: Db, today = new Date()) {
  const [{ n }] = (await db.execute(sql`select count(*)::int as n from secondments`)).rows as Array<{ n: number }>;
  if (n > 0) return 0;
  const [request] = await db.select().from(supportRequests).where(eq(supportRequests.title, "Kontaktnachverfolgung Gesundheitsamt"));
  if (!request) return 0;
  return db.transaction(async (tx) => {
    await tx
      .insert(frameworkAgreements)
      .values({
        regionId: request.regionId,
        version: 1,
        title: "Rahmenvereinbarung Personalunterstützung Region Hannover",
        body: FRAMEWORK_TEXT,
        validFrom: `${dateInGermany(today).slice(0, 4)}-01-01`,
      })
      .onConflictDoNothing();
    const [framework] = await tx.select().from(frameworkAgreements).where(eq(frameworkAgreements.regionId, request.regionId));
    const [wunstorf] = await tx.select().from(organizations).where(eq(organizations.name, "Wunstorf"));
    const [tracing] = await tx.select().from(qualifications).where(eq(qualifications.key, "kontaktnachverfolgung"));
    const candidates = await tx
      .selectDistinctOn([poolMembers.organizationId], { m: poolMembers, org: organizations.name })
      .from(poolMembers)
      .innerJoin(organizations, eq(organizations.id, poolMembers.organizationId))
      .innerJoin(poolMemberQualifications, eq(poolMemberQualifications.memberId, poolMembers.id))
      .where(
        and(
          eq(poolMemberQualifications.qualificationId, tracing.id),
          ne(poolMembers.organizationId, request.organizationId),
          ne(poolMembers.organizationId, wunstorf.id),
        ),
      )
      // Per administration, a member with an own account first; those go first of all, so the demo
      // person who signs in (abgeordnete@garbsen.demo) is on the first running secondment.
      .orderBy(poolMembers.organizationId, sql`${poolMembers.accountId} is null`, poolMembers.name);
    candidates.sort((a, b) => Number(a.m.accountId === null) - Number(b.m.accountId === null));
    const targets: SecondmentState[] = ["active", "active", "onboarding", "agreed", "accepted", "staff_council", "approved", "proposed"];
    let created = 0;
    for (const [i, { m, org }] of candidates.slice(0, targets.length).entries()) {
      const target = targets[i];
      const steps = PATH.slice(0, PATH.findIndex(([, s]) => s === target) + 1);
      const [row] = await tx
        .insert(secondments)
        .values({
          regionId: m.regionId,
          organizationId: m.organizationId,
          borrowerOrganizationId: request.organizationId,
          requestId: request.id,
          memberId: m.id,
          state: target,
          councilStatus: steps.some(([a]) => a === "council_consent")
            ? "consented"
            : steps.some(([a]) => a === "accept")
              ? "pending"
              : "not_required",
          councilDeadline: target === "staff_council" ? addDays(dateInGermany(today), 9) : null,
          // Those already in action started two weeks ago.
          startsOn: target === "active" ? addDays(dateInGermany(today), -14) : request.startsOn,
          endsOn: request.endsOn,
          hoursPerWeek: request.hoursPerWeek,
          place: `${request.placeAddress ?? "Region Hannover"} (mobiles Arbeiten möglich)`,
          tasks: request.tasks,
          settlementModel: request.settlementModel,
          employmentStatus: m.employmentStatus,
          legalBasis: legalBasisOf(m.employmentStatus),
          frameworkAgreementId: steps.some(([a]) => a === "confirm") ? framework.id : null,
          // So a newcomer sees each kind of overhead: the second running one works at a desk of the
          // Gesundheitsamt (no surcharge); the accepted one, still to confirm, has an agreed 12 %.
          ...DEMO_OVERHEAD[i],
        })
        .returning();
      const actorOf = (action: Action | "propose") =>
        action === "accept"
          ? m.name
          : action === "council_consent"
            ? `Personalrat ${org}`
            : action === "release"
              ? `Fachbereichsleitung ${org}`
              : action === "confirm" || action === "begin_onboarding" || action === "activate"
                ? "Personalamt Region Hannover"
                : `Personalamt ${org}`;
      for (const [k, [action, to]] of steps.entries()) {
        await tx.insert(secondmentTransitions).values({
          secondmentId: row.id,
          regionId: row.regionId,
          organizationId: row.organizationId,
          borrowerOrganizationId: row.borrowerOrganizationId,
          action,
          fromState: k === 0 ? null : steps[k - 1][1],
          toState: to,
          actorName: actorOf(action),
          at: new Date(today.getTime() - (steps.length - k) * 6 * 3600_000),
        });
        if (action !== "propose" && !RULES[action].from.includes(steps[k - 1][1]))
          throw new Error(`demo path: ${action} from ${steps[k - 1][1]}`);
      }
      if (["agreed", "onboarding", "active"].includes(target)) {
        await tx.insert(onboardingItems).values(
          ONBOARDING_TEMPLATE.map((tpl) => ({
            secondmentId: row.id,
            key: tpl.key,
            regionId: row.regionId,
            organizationId: row.organizationId,
            borrowerOrganizationId: row.borrowerOrganizationId,
            side: tpl.side,
            isRequired: tpl.isRequired,
            dueOn: row.startsOn,
            status: target === "active" || (target === "onboarding" && tpl.side === "lender") ? ("done" as const) : ("open" as const),
            doneAt: target === "active" ? today : null,
          })),
        );
      }
      created++;
    }
    await updateRequestFill(tx, request.id);
    return created;
  });
}
