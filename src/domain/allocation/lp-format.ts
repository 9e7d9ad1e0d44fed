import { fairnessCost, type AllocationInput, type AllocationObjective } from "./solve";

/** The objective levels in priority order, with their direction. */
export const LEVEL_ORDER: Array<{ key: keyof AllocationObjective; sense: "max" | "min" }> = [
  { key: "crisis", sense: "max" },
  { key: "urgent", sense: "max" },
  { key: "normal", sense: "max" },
  { key: "fairness", sense: "min" },
  { key: "distanceM", sense: "min" },
  { key: "preferred", sense: "max" },
];

/**
 * The allocation model of one level as a mixed-integer program in CPLEX LP format, for any MIP
 * solver (the tests use CBC): binary `x<i>` per eligible pair i, binary `u<a>_<k>` for the k-th
 * person lent by administration a, the earlier levels fixed at their optimal values. Returns null
 * when the level has no terms (its value is 0).
 */
export function toLp(input: AllocationInput, level: number, fixed: Partial<AllocationObjective>): string | null {
  const membersOf = new Array<number>(input.administrations.length).fill(0);
  for (const m of input.members) membersOf[input.departments[m.department].administration]++;
  const units = input.administrations.map((a, i) => Math.min(a.cap ?? Infinity, membersOf[i]));
  const unitVars = units.flatMap((u, a) => Array.from({ length: u }, (_, k) => ({ name: `u${a}_${k + 1}`, a, k: k + 1 })));

  const expression = (key: keyof AllocationObjective): string[] => {
    if (key === "fairness") return unitVars.map((v) => `${fairnessCost(v.k, Math.max(input.administrations[v.a].poolSize, 1))} ${v.name}`);
    return input.pairs.flatMap((p, i) => {
      if (key === "distanceM") return p.distanceM === 0 ? [] : [`${p.distanceM} x${i}`];
      if (key === "preferred") return p.preferred === 0 ? [] : [`${p.preferred} x${i}`];
      return input.requests[p.request].urgency === key ? [`1 x${i}`] : [];
    });
  };
  const { key, sense } = LEVEL_ORDER[level];
  const objective = expression(key);
  if (objective.length === 0) return null;

  const rows: string[] = [];
  const sum = (terms: string[]) => terms.join(" + ").replace(/\+ -/g, "- ");
  const limit = (name: string, terms: string[], op: string, value: number) =>
    terms.length > 0 && rows.push(` ${name}: ${sum(terms)} ${op} ${value}`);
  const byMember = input.members.map(() => [] as string[]);
  const byRequest = input.requests.map(() => [] as string[]);
  const byDepartment = input.departments.map(() => [] as string[]);
  const byAdministration = input.administrations.map(() => [] as string[]);
  input.pairs.forEach((p, i) => {
    const d = input.members[p.member].department;
    byMember[p.member].push(`x${i}`);
    byRequest[p.request].push(`x${i}`);
    byDepartment[d].push(`x${i}`);
    byAdministration[input.departments[d].administration].push(`x${i}`);
  });
  for (const v of unitVars) byAdministration[v.a].push(`-1 ${v.name}`);
  byMember.forEach((terms, m) => limit(`member${m}`, terms, "<=", 1));
  byRequest.forEach((terms, q) => limit(`request${q}`, terms, "<=", input.requests[q].open));
  byDepartment.forEach((terms, d) => input.departments[d].cap !== null && limit(`department${d}`, terms, "<=", input.departments[d].cap!));
  // Every person lent takes one unit of the convex fairness cost; no more people than units.
  byAdministration.forEach((terms, a) => limit(`lent${a}`, terms, "=", 0));
  for (let l = 0; l < level; l++) {
    const value = fixed[LEVEL_ORDER[l].key];
    const terms = expression(LEVEL_ORDER[l].key);
    if (value === undefined || terms.length === 0) continue;
    limit(`fix_${LEVEL_ORDER[l].key}`, terms, LEVEL_ORDER[l].sense === "max" ? ">=" : "<=", value);
  }
  return [
    sense === "max" ? "Maximize" : "Minimize",
    ` obj: ${sum(objective)}`,
    "Subject To",
    ...rows,
    "Binaries",
    ...input.pairs.map((_, i) => ` x${i}`),
    ...unitVars.map((v) => ` ${v.name}`),
    "End",
    "",
  ].join("\n");
}
