/**
 * Reading the catalogue of service standards: the list (current version of each), one standard
 * with the administrations it applies to, its versions, and the search of the bundled LeiKa/OZG
 * service catalogue. All public: the catalogue is what the region promises its citizens.
 */
import type { Db } from "../../db/client";
import type { Actor } from "../../kernel/actor";
import type { StandardTheme } from "../../domain/standards/standard";
import { serviceCatalogue } from "./service-catalogue-files";
import { presentStandard, presentVersions } from "./present-standard";
import { applicableOrganizations, getVisibleStandard, listVisibleStandards } from "./standard-scope";
import { standardPolicy } from "./standards.policy";
import { STANDARD_THEMES } from "../../domain/standards/standard";

/** The catalogue: every standard the caller sees with its current version, by theme, then title. */
export async function listStandards(db: Db, actor: Actor | null | undefined, query: { theme?: StandardTheme }) {
  const collator = new Intl.Collator("de");
  const items = (await listVisibleStandards(db, actor))
    .map((s) => presentStandard(s))
    .filter((s) => !query.theme || s.current.theme === query.theme)
    .sort(
      (a, b) =>
        STANDARD_THEMES.indexOf(a.current.theme) - STANDARD_THEMES.indexOf(b.current.theme) ||
        collator.compare(a.current.title, b.current.title),
    );
  return { items, abilities: { create: standardPolicy.can(actor, "manage") } };
}

/** One standard: its current version and the administrations that version applies to. */
export async function getStandard(db: Db, actor: Actor | null | undefined, id: string) {
  const standard = await getVisibleStandard(db, actor, id);
  const presented = presentStandard(standard);
  const version = standard.versions.find((v) => v.id === presented.current.id)!;
  const administrations = await applicableOrganizations(db, version);
  return {
    ...presented,
    appliesToAdministrations: administrations.map((o) => ({ id: o.id, name: o.name })),
    abilities: { createVersion: !!actor && standardPolicy.can(actor, "manage") && actor.regionId === standard.regionId },
  };
}

/** Every version of a standard, newest first, each saying what changed, when, by which role and why. */
export async function listStandardVersions(db: Db, actor: Actor | null | undefined, id: string) {
  return { items: presentVersions(await getVisibleStandard(db, actor, id)) };
}

/** Services of the bundled catalogue matching a LeiKa key, an OZG id or words (in memory). */
export function searchServiceCatalogue(query: { q: string; limit: number }) {
  return serviceCatalogue().search(query.q, query.limit);
}
