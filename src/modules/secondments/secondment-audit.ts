import { and, eq, inArray } from "drizzle-orm";
import { auditLinks, type AuditSource } from "../../kernel/audit-sources";
import { secondmentPolicy } from "./secondments.policy";
import { partySecondmentIdsSql, visibleSecondmentIds, visibleSecondmentTitles } from "./secondment-scope";
import type { AuditTitleSource } from "../../kernel/audit-sources";
import { frameworkAgreements } from "./secondments.tables";

const secondmentLinks = auditLinks({
  openable: ({ db, actor }, ids) => visibleSecondmentIds(db, actor, ids),
  path: (id) => `/abordnungen/${id}`,
});

const secondmentTitles: AuditTitleSource = ({ db, actor }, ids) => visibleSecondmentTitles(db, actor, ids);

/** Links of the audit log to secondments (through their scope), the framework agreement and the settings. */
export const secondmentAuditSource: AuditSource = {
  sharedWith: {
    secondment: partySecondmentIdsSql,
    secondment_onboarding: partySecondmentIdsSql,
    secondment_first_day: partySecondmentIdsSql,
    secondment_overhead: partySecondmentIdsSql,
  },
  titles: {
    secondment: secondmentTitles,
    secondment_onboarding: secondmentTitles,
    secondment_first_day: secondmentTitles,
    secondment_overhead: secondmentTitles,
  },
  links: {
    secondment: secondmentLinks,
    secondment_onboarding: secondmentLinks,
    secondment_first_day: secondmentLinks,
    secondment_overhead: secondmentLinks,
    framework_agreement: auditLinks({
      mayOpen: (actor) => secondmentPolicy.can(actor, "read_framework") || secondmentPolicy.can(actor, "manage_framework"),
      openable: ({ db, actor }, ids) =>
        db
          .select({ id: frameworkAgreements.id })
          .from(frameworkAgreements)
          .where(and(inArray(frameworkAgreements.id, ids), eq(frameworkAgreements.regionId, actor.regionId))),
      path: () => "/rahmenvereinbarung",
    }),
    // The settings are recorded under the administration's id: the HR office's own settings page.
    async secondment_settings({ actor }, ids) {
      if (!secondmentPolicy.can(actor, "configure")) return new Map();
      return new Map(ids.filter((id) => id === actor.organizationId).map((id) => [id, "/abordnungen/einstellungen"]));
    },
  },
};
