import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { coversPeriod, distanceKm, ineligibility, type AvailabilityWindow, type CandidateMember, type RequestNeeds } from "./eligibility";

const WUNSTORF = { lat: 52.4254, lon: 9.4242 };
const HANNOVER = { lat: 52.374551, lon: 9.738084 };

const member = (over: Partial<CandidateMember> = {}): CandidateMember => ({
  organizationId: "wunstorf",
  isActive: true,
  homeLat: WUNSTORF.lat,
  homeLon: WUNSTORF.lon,
  travelRadiusKm: 30,
  canWorkRemotely: false,
  qualifications: [{ qualificationId: "sormas", validUntil: null, isConfirmed: true }],
  availability: [{ startsOn: "2026-12-01", endsOn: "2027-02-28", hoursPerWeek: 20 }],
  ...over,
});
const request = (over: Partial<RequestNeeds> = {}): RequestNeeds => ({
  organizationId: "region",
  placeLat: HANNOVER.lat,
  placeLon: HANNOVER.lon,
  isRemotePossible: false,
  startsOn: "2026-12-07",
  endsOn: "2027-01-31",
  hoursPerWeek: 20,
  requiredQualificationIds: ["sormas"],
  ...over,
});

describe("eligibility", () => {
  it("Wunstorf to Hannover is about 22 km", () => {
    expect(distanceKm(WUNSTORF.lat, WUNSTORF.lon, HANNOVER.lat, HANNOVER.lon)).toBeCloseTo(22, 0);
  });

  it("names the first reason a member cannot be proposed", () => {
    expect(ineligibility(member(), request())).toBeNull();
    expect(ineligibility(member({ isActive: false }), request())).toBe("inactive");
    expect(ineligibility(member(), request({ organizationId: "wunstorf" }))).toBe("same_organization");
    expect(
      ineligibility(member({ qualifications: [{ qualificationId: "sormas", validUntil: null, isConfirmed: false }] }), request()),
    ).toBe("qualification");
    expect(
      ineligibility(member({ qualifications: [{ qualificationId: "sormas", validUntil: "2027-01-15", isConfirmed: true }] }), request()),
    ).toBe("qualification");
    expect(ineligibility(member(), request({ hoursPerWeek: 39 }))).toBe("availability");
    expect(ineligibility(member(), request({ endsOn: "2027-04-30" }))).toBe("availability");
    expect(ineligibility(member({ travelRadiusKm: 10 }), request())).toBe("distance");
    expect(ineligibility(member({ travelRadiusKm: 10, canWorkRemotely: true }), request({ isRemotePossible: true }))).toBeNull();
  });

  it("availability may be split into adjoining windows", () => {
    const split = [
      { startsOn: "2026-12-01", endsOn: "2026-12-31", hoursPerWeek: 20 },
      { startsOn: "2027-01-01", endsOn: "2027-02-28", hoursPerWeek: 25 },
    ];
    expect(coversPeriod(split, "2026-12-07", "2027-01-31", 20)).toBe(true);
    expect(coversPeriod([split[0], { ...split[1], startsOn: "2027-01-02" }], "2026-12-07", "2027-01-31", 20)).toBe(false);
  });

  const day = fc.integer({ min: 0, max: 120 }).map((n) => new Date(Date.UTC(2027, 0, 1 + n)).toISOString().slice(0, 10));
  const window = fc
    .tuple(day, day, fc.integer({ min: 1, max: 40 }))
    .map(([a, b, h]): AvailabilityWindow => ({ startsOn: a < b ? a : b, endsOn: a < b ? b : a, hoursPerWeek: h }));

  it("property: covered means every day of the period lies in a window with enough hours", () => {
    fc.assert(
      fc.property(fc.array(window, { maxLength: 6 }), day, day, fc.integer({ min: 1, max: 40 }), (windows, a, b, hours) => {
        const [from, to] = a < b ? [a, b] : [b, a];
        let everyDay = true;
        for (let d = from; d <= to; d = new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10)) {
          if (!windows.some((w) => w.hoursPerWeek >= hours && w.startsOn <= d && d <= w.endsOn)) everyDay = false;
        }
        expect(coversPeriod(windows, from, to, hours)).toBe(everyDay);
      }),
      { numRuns: 300 },
    );
  });

  it("property: another window or a wider radius never makes an eligible member ineligible", () => {
    fc.assert(
      fc.property(fc.array(window, { maxLength: 4 }), window, fc.integer({ min: 0, max: 100 }), (windows, extra, radius) => {
        const before = ineligibility(
          member({ availability: windows, travelRadiusKm: radius }),
          request({ startsOn: "2027-01-10", endsOn: "2027-02-10" }),
        );
        const after = ineligibility(
          member({ availability: [...windows, extra], travelRadiusKm: radius + 10 }),
          request({ startsOn: "2027-01-10", endsOn: "2027-02-10" }),
        );
        if (before === null) expect(after).toBeNull();
      }),
      { numRuns: 300 },
    );
  });
});
