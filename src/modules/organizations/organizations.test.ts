import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../../test/app";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

type Org = {
  id: string;
  ags: string;
  name: string;
  kind: string;
  population: number;
  lat: number;
  lon: number;
  buildingAuthority: { name: string } | null;
};

describe("administrations of the Region Hannover", () => {
  it("lists the region and its 21 municipalities with real keys and population", async () => {
    const res = await t.anonymous().request({ method: "GET", url: "/api/v1/organizations" });
    const items = res.json().items as Org[];
    expect(items).toHaveLength(22);
    expect(items[0]).toMatchObject({ ags: "03241", name: "Region Hannover", kind: "region", population: 1157624 });
    const ags = items
      .slice(1)
      .map((o) => o.ags)
      .sort();
    expect(ags).toEqual(Array.from({ length: 21 }, (_, i) => `03241${String(i + 1).padStart(3, "0")}`));
    const wunstorf = items.find((o) => o.name === "Wunstorf")!;
    expect(wunstorf).toMatchObject({ ags: "03241021", kind: "municipality" });
    expect(wunstorf.lat).toBeCloseTo(52.42, 1);
    expect(items.reduce((s, o) => s + (o.kind === "municipality" ? o.population : 0), 0)).toBe(1157624);
  });

  it("knows the building authorities: the Region for eight municipalities", async () => {
    const items = (await t.anonymous().request({ method: "GET", url: "/api/v1/organizations" })).json().items as Org[];
    const byRegion = items.filter((o) => o.kind === "municipality" && o.buildingAuthority?.name === "Region Hannover").map((o) => o.name);
    expect(byRegion.sort()).toEqual([
      "Burgwedel",
      "Gehrden",
      "Hemmingen",
      "Isernhagen",
      "Pattensen",
      "Sehnde",
      "Uetze",
      "Wennigsen (Deister)",
    ]);
  });

  it("gives default departments; Bauordnung only to building authorities; Gesundheitsamt to the Region", async () => {
    const staff = await t.signIn("personal@wunstorf.demo");
    const items = (await staff.request({ method: "GET", url: "/api/v1/organizations" })).json().items as Org[];
    const keysOf = async (name: string) => {
      const id = items.find((o) => o.name === name)!.id;
      const detail = (await staff.request({ method: "GET", url: `/api/v1/organizations/${id}` })).json();
      return detail.departments.map((d: { key: string }) => d.key).sort();
    };
    expect(await keysOf("Wunstorf")).toEqual(["bauordnung", "buergerservice", "finanzen", "it", "ordnung", "personal"]);
    expect(await keysOf("Sehnde")).toEqual(["buergerservice", "finanzen", "it", "ordnung", "personal"]);
    expect(await keysOf("Region Hannover")).toEqual([
      "bauordnung",
      "buergerservice",
      "finanzen",
      "gesundheitsamt",
      "it",
      "ordnung",
      "personal",
    ]);
    let authorities = 0;
    for (const o of items) if ((await keysOf(o.name)).includes("bauordnung")) authorities++;
    expect(authorities).toBe(14);
  });

  it("shows departments only to staff: the public sees the administration without them", async () => {
    const items = (await t.anonymous().request({ method: "GET", url: "/api/v1/organizations" })).json().items as Org[];
    const res = await t.anonymous().request({ method: "GET", url: `/api/v1/organizations/${items[1].id}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().departments).toBeNull();
  });

  it("serves the boundaries as a GeoJSON FeatureCollection of 22 features", async () => {
    const res = await t.anonymous().request({ method: "GET", url: "/api/v1/organizations/boundaries" });
    const body = res.json();
    expect(body.type).toBe("FeatureCollection");
    expect(body.features).toHaveLength(22);
    expect(body.features.every((f: { geometry: { type: string } }) => ["Polygon", "MultiPolygon"].includes(f.geometry.type))).toBe(true);
  });

  it("answers 404 with a problem document for an unknown administration and 400 for a malformed id", async () => {
    const unknown = await t.anonymous().request({ method: "GET", url: "/api/v1/organizations/00000000-0000-4000-8000-000000000000" });
    expect(unknown.statusCode).toBe(404);
    const malformed = await t.anonymous().request({ method: "GET", url: "/api/v1/organizations/wunstorf" });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors[0]).toMatchObject({ field: "id", in: "params", rule: "invalid_format" });
  });
});
