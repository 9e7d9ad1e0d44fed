import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import { today } from "../../kernel/dates";
import { AppError } from "../../kernel/problems";
import { eq } from "drizzle-orm";
import { organizations } from "../organizations";
import { exchangeOverview } from "../secondments";
import { ownStandardsAtAGlance } from "../standards";

/**
 * The management dashboard of the actor's own administration (Chefsache): the service standards by
 * theme — digitalisation, climate, participation and staffing are themes of the catalogue — with
 * status, trend and what needs support, and the staff lent and borrowed. Aggregates and the
 * administration's own figures only, no person. Another administration's dashboard answers 404.
 */
export async function managementDashboard(db: Db, actor: Actor, organizationId: string) {
  if (organizationId !== actor.organizationId) throw new AppError("not_found");
  const [[organization], themes, exchange] = await Promise.all([
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, actor.organizationId)),
    ownStandardsAtAGlance(db, actor),
    exchangeOverview.load({ db, actor }),
  ]);
  return {
    organization,
    asOf: today(),
    standards: { themes },
    exchange,
  };
}
