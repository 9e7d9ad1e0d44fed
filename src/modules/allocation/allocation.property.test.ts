import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ineligibility } from "../../domain/allocation/eligibility";
import { solveAllocation, violations } from "../../domain/allocation/solve";
import { inputFromSnapshot, SNAPSHOT_FORMAT, type AllocationSnapshot } from "./allocation-format";
import { eligiblePairs } from "./allocation-snapshot";

// Random regions in the shape the database gives them (snapshot), through the same path a run
// takes: eligibility with blocking secondments and earlier proposals, the model, the solver.
const QUALS = ["q0", "q1", "q2"];
const day = (d: number) => new Date(Date.UTC(2027, 0, 1 + d)).toISOString().slice(0, 10);

const snapshots = fc
  .record({
    admins: fc.array(fc.record({ dLat: fc.double({ min: -0.3, max: 0.3, noNaN: true }), cap: fc.option(fc.integer({ min: 0, max: 4 })) }), {
      minLength: 2,
      maxLength: 4,
    }),
    deps: fc.array(fc.record({ a: fc.nat(), cap: fc.option(fc.integer({ min: 0, max: 3 })) }), { minLength: 1, maxLength: 5 }),
    members: fc.array(
      fc.record({
        a: fc.nat(),
        d: fc.option(fc.nat()),
        quals: fc.subarray(QUALS),
        from: fc.integer({ min: 0, max: 20 }),
        length: fc.integer({ min: 10, max: 90 }),
        hours: fc.constantFrom(10, 20, 39),
        radius: fc.integer({ min: 5, max: 60 }),
        remote: fc.boolean(),
        blocked: fc.option(fc.record({ from: fc.integer({ min: 0, max: 60 }), length: fc.integer({ min: 1, max: 30 }) })),
      }),
      { minLength: 1, maxLength: 14 },
    ),
    requests: fc.array(
      fc.record({
        a: fc.nat(),
        urgency: fc.constantFrom("crisis", "urgent", "normal" as const),
        open: fc.integer({ min: 1, max: 3 }),
        from: fc.integer({ min: 0, max: 30 }),
        length: fc.integer({ min: 5, max: 40 }),
        hours: fc.constantFrom(10, 20),
        remote: fc.boolean(),
        required: fc.subarray(QUALS, { maxLength: 2 }),
        preferred: fc.subarray(QUALS, { maxLength: 2 }),
        proposed: fc.option(fc.nat()),
      }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ admins, deps, members, requests }): AllocationSnapshot => {
    const administrations = admins.map((a, i) => ({
      id: `a${i}`,
      name: `Verwaltung ${i}`,
      lat: 52.37 + a.dLat,
      lon: 9.73 + a.dLat / 2,
      poolSize: 0,
      cap: a.cap,
    }));
    const departments = deps.map((d, i) => ({
      id: `d${i}`,
      administration: `a${d.a % admins.length}`,
      name: `Fachbereich ${i}`,
      cap: d.cap,
    }));
    const snapshotMembers = members.map((m, i) => {
      const own = departments.filter((d) => d.administration === `a${m.a % admins.length}`);
      return {
        pseudonym: `P-${i}`,
        administration: `a${m.a % admins.length}`,
        department: m.d !== null && own.length ? own[m.d % own.length].id : null,
        qualifications: m.quals.map((id) => ({ id, validUntil: null })),
        availability: [{ startsOn: day(m.from), endsOn: day(m.from + m.length), hoursPerWeek: m.hours }],
        travelRadiusKm: m.radius,
        canWorkRemotely: m.remote,
        blocked: m.blocked ? [{ startsOn: day(m.blocked.from), endsOn: day(m.blocked.from + m.blocked.length) }] : [],
      };
    });
    for (const m of snapshotMembers) administrations.find((a) => a.id === m.administration)!.poolSize++;
    return {
      format: SNAPSHOT_FORMAT,
      createdAt: "2026-11-26T00:00:00.000Z",
      scope: { crisisId: null, requestIds: requests.map((_, i) => `r${i}`) },
      horizon: null,
      qualifications: QUALS.map((id) => ({ id, name: id })),
      administrations,
      departments,
      members: snapshotMembers,
      requests: requests.map((r, i) => ({
        id: `r${i}`,
        administration: `a${r.a % admins.length}`,
        title: `Anfrage ${i}`,
        urgency: r.urgency,
        open: r.open,
        startsOn: day(r.from),
        endsOn: day(r.from + r.length),
        hoursPerWeek: r.hours,
        placeLat: administrations[r.a % admins.length].lat,
        placeLon: administrations[r.a % admins.length].lon,
        isRemotePossible: r.remote,
        required: r.required,
        preferred: r.preferred,
        alreadyProposed: r.proposed !== null ? [`P-${r.proposed % members.length}`] : [],
      })),
      pairs: [],
    };
  })
  .map((s) => ({ ...s, pairs: eligiblePairs(s) }));

describe("allocation runs on database-shaped input (property)", () => {
  it("assigns only eligible people, once each, within every cap", () => {
    fc.assert(
      fc.property(snapshots, (snapshot) => {
        const input = inputFromSnapshot(snapshot);
        const { assignments } = solveAllocation(input);
        expect(violations(input, assignments)).toEqual([]);
        const people = new Set<number>();
        for (const i of assignments) {
          const [mi, ri] = snapshot.pairs[i];
          const m = snapshot.members[mi];
          const r = snapshot.requests[ri];
          const home = snapshot.administrations.find((a) => a.id === m.administration)!;
          expect(people.has(mi)).toBe(false);
          people.add(mi);
          expect(m.administration).not.toBe(r.administration);
          expect(r.alreadyProposed).not.toContain(m.pseudonym);
          expect(m.blocked.some((b) => b.startsOn <= r.endsOn && b.endsOn >= r.startsOn)).toBe(false);
          const reason = ineligibility(
            {
              organizationId: m.administration,
              isActive: true,
              homeLat: home.lat,
              homeLon: home.lon,
              travelRadiusKm: m.travelRadiusKm,
              canWorkRemotely: m.canWorkRemotely,
              qualifications: m.qualifications.map((q) => ({ qualificationId: q.id, validUntil: q.validUntil, isConfirmed: true })),
              availability: m.availability,
            },
            { ...r, organizationId: r.administration, requiredQualificationIds: r.required },
          );
          expect(reason).toBeNull();
        }
        // Caps straight from the snapshot, not through the model.
        for (const d of snapshot.departments) {
          if (d.cap === null) continue;
          const lent = assignments.filter((i) => snapshot.members[snapshot.pairs[i][0]].department === d.id).length;
          expect(lent).toBeLessThanOrEqual(d.cap);
        }
        for (const a of snapshot.administrations) {
          if (a.cap === null) continue;
          const lent = assignments.filter((i) => snapshot.members[snapshot.pairs[i][0]].administration === a.id).length;
          expect(lent).toBeLessThanOrEqual(a.cap);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("does not depend on the order in which members and requests are listed", () => {
    fc.assert(
      fc.property(snapshots, fc.integer({ min: 1, max: 1000 }), (snapshot, seed) => {
        const shuffle = <T>(xs: T[]) =>
          xs
            .map((x, i) => ({ x, k: (i * 7919 + seed * 104729) % 1009 }))
            .sort((a, b) => a.k - b.k)
            .map((e) => e.x);
        const reordered = { ...snapshot, members: shuffle([...snapshot.members]).reverse(), requests: shuffle([...snapshot.requests]) };
        reordered.pairs = eligiblePairs(reordered);
        expect(solveAllocation(inputFromSnapshot(reordered)).objective).toEqual(solveAllocation(inputFromSnapshot(snapshot)).objective);
      }),
      { numRuns: 300 },
    );
  });
});
