import { and, eq, inArray } from "drizzle-orm";
import { uuidsOf, type AuditContext, type AuditSource } from "../../kernel/audit-sources";
import { secondmentPolicy } from "./secondments.policy";
import { visibleSecondmentIds } from "./secondment-scope";
import { frameworkAgreements } from "./secondments.tables";

async function secondmentLinks({ db, actor }: AuditContext, ids: string[]) {
  const visible = await visibleSecondmentIds(db, actor, uuidsOf(ids));
  return new Map(visible.map((id) => [id, `/abordnungen/${id}`]));
}

/** Links of the audit log to secondments (through their scope), the framework agreement and the settings. */
export const secondmentAuditSource: AuditSource = {
  links: {
    secondment: secondmentLinks,
    secondment_onboarding: secondmentLinks,
    secondment_first_day: secondmentLinks,
    async framework_agreement({ db, actor }, ids) {
      const wanted = uuidsOf(ids);
      if (!secondmentPolicy.can(actor, "read_framework") && !secondmentPolicy.can(actor, "manage_framework")) return new Map();
      if (wanted.length === 0) return new Map();
      const rows = await db
        .select({ id: frameworkAgreements.id })
        .from(frameworkAgreements)
        .where(and(inArray(frameworkAgreements.id, wanted), eq(frameworkAgreements.regionId, actor.regionId)));
      return new Map(rows.map((r) => [r.id, "/rahmenvereinbarung"]));
    },
    // The settings are recorded under the administration's id: the HR office's own settings page.
    async secondment_settings({ actor }, ids) {
      if (!secondmentPolicy.can(actor, "configure")) return new Map();
      return new Map(ids.filter((id) => id === actor.organizationId).map((id) => [id, "/abordnungen/einstellungen"]));
    },
  },
};
