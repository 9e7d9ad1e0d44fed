/**
 * Allocation instances from the real region, with a fixed seed: the 21 towns and municipalities of
 * the Region Hannover and the Region itself, pool sizes proportional to population, a qualification
 * catalogue with common and scarce entries, availability, travel radii, remote work and tight
 * caps. Larger sizes repeat the region at offsets (a state of ten regions, a nation of fifty).
 * Used by the CBC comparison test and by bench/allocation.ts.
 */
import fs from "node:fs";
import path from "node:path";
import { distanceKm } from "../src/domain/allocation/eligibility";
import type { AllocationInput } from "../src/domain/allocation/solve";

export function random(seed: number) {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Place {
  name: string;
  lat: number;
  lon: number;
  population: number;
}

/** The 22 administrations of the Region Hannover (data/reference), the Region weighted like a large town. */
export function regionPlaces(): Place[] {
  const file = path.resolve(import.meta.dirname, "../data/reference/region-hannover/kommunen_region_hannover.json");
  const { kommunen } = JSON.parse(fs.readFileSync(file, "utf8")) as {
    kommunen: Array<{ ags: string; name: string; lat: number; lon: number; einwohner_2018_12_31: number }>;
  };
  const towns = kommunen.map((k) => ({ name: k.name, lat: k.lat, lon: k.lon, population: k.einwohner_2018_12_31 }));
  // The Region's administration sits in Hannover (Regionshaus).
  const hannover = towns.find((t) => t.name === "Hannover")!;
  return [{ ...hannover, name: "Region Hannover", population: 150_000 }, ...towns];
}

/** Qualification catalogue: share of the pool holding each (common first, scarce last). */
const CATALOGUE = [0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.12, 0.1, 0.08, 0.06, 0.05, 0.04, 0.03, 0.02, 0.015, 0.01, 0.008, 0.005, 0.003];

export interface InstanceOptions {
  members: number;
  requests: number;
  /** Copies of the region (1: the region, 10: a state, 50: a nation). */
  regions?: number;
  seed?: number;
  /** Share of requests that are crisis requests (the rest split between urgent and normal). */
  crisisShare?: number;
  /** Department cap as a share of its people: small is tight. */
  capShare?: number;
  /** Largest headcount of a request. */
  maxOpen?: number;
}

export interface GeneratedInstance {
  input: AllocationInput;
  /** Home reference point of each administration, for the map and the spread of lending. */
  places: Place[];
}

export function generateInstance(options: InstanceOptions): GeneratedInstance {
  const { members: P, requests: R, regions = 1, seed = 1, crisisShare = 0.34, capShare = 0.35, maxOpen = 15 } = options;
  const r = random(seed * 7919 + P * 31 + R);
  const base = regionPlaces();
  const places: Place[] = [];
  for (let c = 0; c < regions; c++) {
    // Regions side by side, about 90 km apart: travel radii reach into the neighbours.
    const dLat = (c % 10) * 0.8;
    const dLon = Math.floor(c / 10) * 1.3;
    for (const p of base) places.push({ ...p, name: regions > 1 ? `${p.name} ${c + 1}` : p.name, lat: p.lat + dLat, lon: p.lon + dLon });
  }
  const A = places.length;
  const totalPopulation = places.reduce((s, p) => s + p.population, 0);
  // Pool sizes proportional to population, at least one each.
  const poolSize = places.map((p) => Math.max(1, Math.round((P * p.population) / totalPopulation)));
  const departments: AllocationInput["departments"] = [];
  const members: AllocationInput["members"] = [];
  const home = new Int32Array(P);
  const cumulative: number[] = [];
  let acc = 0;
  for (const n of poolSize) cumulative.push((acc += n));
  const firstDepartment = places.map(() => 0);
  for (let a = 0; a < A; a++) {
    firstDepartment[a] = departments.length;
    for (let d = 0; d < 4; d++) departments.push({ administration: a, cap: Math.max(1, Math.round((capShare * poolSize[a]) / 4)) });
  }
  const quals = new Int32Array(P);
  const radius = new Float64Array(P);
  const remote = new Uint8Array(P);
  const from = new Int32Array(P);
  const until = new Int32Array(P);
  for (let p = 0; p < P; p++) {
    const x = r() * acc;
    let a = 0;
    while (cumulative[a] <= x) a++;
    home[p] = a;
    members.push({ department: firstDepartment[a] + Math.floor(r() * 4) });
    let q = 0;
    CATALOGUE.forEach((share, i) => r() < share && (q |= 1 << i));
    quals[p] = q;
    radius[p] = 10 + r() * 40;
    remote[p] = r() < 0.25 ? 1 : 0;
    // Available from a day in the first month for one to six months.
    from[p] = Math.floor(r() * 30);
    until[p] = from[p] + 30 + Math.floor(r() * 150);
  }
  const membersAt = places.map(() => [] as number[]);
  for (let p = 0; p < P; p++) membersAt[home[p]].push(p);
  const requests: AllocationInput["requests"] = [];
  const pairs: AllocationInput["pairs"] = [];
  for (let q = 0; q < R; q++) {
    const u = r();
    const urgency = u < crisisShare ? "crisis" : u < crisisShare + (1 - crisisShare) / 2 ? "urgent" : "normal";
    requests.push({ urgency, open: 1 + Math.floor(r() * maxOpen) });
    // Crisis requests come more often from the Region (its public health office).
    const at = urgency === "crisis" && r() < 0.5 ? 22 * Math.floor(r() * regions) : Math.floor(r() * A);
    const needs = 1 << Math.floor(r() ** 2 * CATALOGUE.length); // mostly common, sometimes scarce
    const preferred = (1 << Math.floor(r() * CATALOGUE.length)) | (1 << Math.floor(r() * CATALOGUE.length));
    // Remote work crosses regions: keep remote requests as many in a nation as in one region.
    const isRemote = r() < 0.2 / regions;
    const starts = Math.floor(r() * 40);
    const ends = starts + 14 + Math.floor(r() * 80);
    for (let a = 0; a < A; a++) {
      if (a === at) continue;
      const km = distanceKm(places[a].lat, places[a].lon, places[at].lat, places[at].lon);
      if (km > 50 && !isRemote) continue;
      for (const p of membersAt[a]) {
        if ((quals[p] & needs) !== needs || from[p] > starts || until[p] < ends) continue;
        if (km > radius[p] && !(isRemote && remote[p])) continue;
        pairs.push({ member: p, request: q, distanceM: Math.round(km * 1000), preferred: popcount(quals[p] & preferred) });
      }
    }
  }
  // Some administrations also cap what they lend in all.
  const administrations = poolSize.map((n) => ({ poolSize: n, cap: r() < 0.3 ? Math.round(0.2 * n) : null }));
  return { input: { administrations, departments, members, requests, pairs }, places };
}

function popcount(x: number) {
  let c = 0;
  for (; x; x &= x - 1) c++;
  return c;
}
