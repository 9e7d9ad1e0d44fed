import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { dateInGermany } from "../../kernel/dates";
import {
  accounts,
  departments,
  organizations,
  poolMemberQualifications,
  poolMembers,
  availabilityWindows,
  qualifications,
  crises,
  supportRequests,
  supportRequestQualifications,
} from "../schema";
import { CONSENT_VERSION } from "../../modules/pool/consent";

/** A small deterministic random generator (mulberry32), so demo data is the same on every machine. */
function random(seed: number) {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Anna",
  "Lena",
  "Sophie",
  "Marie",
  "Julia",
  "Sarah",
  "Laura",
  "Katharina",
  "Sandra",
  "Nicole",
  "Petra",
  "Sabine",
  "Monika",
  "Elif",
  "Aylin",
  "Olga",
  "Mariam",
  "Jan",
  "Lukas",
  "Felix",
  "Jonas",
  "Tim",
  "Daniel",
  "Michael",
  "Thomas",
  "Andreas",
  "Stefan",
  "Markus",
  "Frank",
  "Jürgen",
  "Ahmet",
  "Mehmet",
  "Piotr",
  "Dmytro",
  "Sven",
  "Hendrik",
  "Ole",
  "Malte",
  "Henrike",
  "Wiebke",
];
const LAST = [
  "Müller",
  "Schmidt",
  "Schneider",
  "Fischer",
  "Meyer",
  "Weber",
  "Wagner",
  "Becker",
  "Schulz",
  "Hoffmann",
  "Koch",
  "Richter",
  "Klein",
  "Wolf",
  "Schröder",
  "Neumann",
  "Schwarz",
  "Braun",
  "Hofmann",
  "Krüger",
  "Hartmann",
  "Lange",
  "Werner",
  "Köhler",
  "Lehmann",
  "Brandt",
  "Behrens",
  "Grote",
  "Wöltje",
  "Bruns",
  "Ahrens",
  "Lüdtke",
  "Yılmaz",
  "Kaya",
  "Nowak",
  "Kowalski",
  "Schulte",
  "Bode",
  "Heinemann",
  "Pape",
];

/** Job titles and typical qualifications per department key. */
const PROFILES: Record<string, { jobs: string[]; qualifications: string[]; pay: string[] }> = {
  personal: {
    jobs: ["Sachbearbeiter/in Personal", "Personalreferent/in"],
    qualifications: ["verwaltungsfachwirt", "posteingang"],
    pay: ["E 8", "E 9a", "E 9b", "A 9"],
  },
  buergerservice: {
    jobs: ["Sachbearbeiter/in Bürgerservice", "Servicekraft Bürgerbüro"],
    qualifications: ["buergerservice", "telefonhotline", "verwaltungsfachangestellte"],
    pay: ["E 6", "E 8", "E 9a"],
  },
  ordnung: {
    jobs: ["Sachbearbeiter/in Ordnungsamt", "Außendienstmitarbeiter/in"],
    qualifications: ["ordnungsrecht", "aussendienst", "katastrophenschutz", "kontaktnachverfolgung"],
    pay: ["E 8", "E 9a", "A 9", "A 10"],
  },
  it: {
    jobs: ["IT-Administrator/in", "IT-Systembetreuer/in"],
    qualifications: ["netzwerkadministration", "client_support", "informationssicherheit", "ozg_onlinedienste"],
    pay: ["E 9b", "E 10", "E 11"],
  },
  finanzen: {
    jobs: ["Sachbearbeiter/in Finanzen", "Kassenverwalter/in"],
    qualifications: ["verwaltungsfachwirt", "posteingang"],
    pay: ["E 8", "E 9b", "A 10"],
  },
  bauordnung: {
    jobs: ["Sachbearbeiter/in Bauordnung", "Bauingenieur/in"],
    qualifications: ["bauantragspruefung", "baurecht_nbauo", "bauzeichnung", "brandschutz"],
    pay: ["E 9b", "E 10", "E 11", "A 11"],
  },
  gesundheitsamt: {
    jobs: ["Hygienekontrolleur/in", "Medizinische/r Fachangestellte/r", "Sachbearbeiter/in Infektionsschutz"],
    qualifications: ["kontaktnachverfolgung", "sormas", "infektionsschutz", "medizinische_fachangestellte"],
    pay: ["E 8", "E 9a", "E 9b", "S 11b"],
  },
};
const LANGUAGE_SKILLS = [
  "dolmetschen_arabisch",
  "dolmetschen_ukrainisch",
  "dolmetschen_tuerkisch",
  "dolmetschen_farsi",
  "englisch_verhandlungssicher",
];

const iso = (d: Date) => dateInGermany(d);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86400000);
const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss")
    .replace(/ı/g, "i")
    .replace(/[^a-z]+/g, "-")
    .replace(/^-|-$/g, "");

/**
 * A believable support pool for the demo: about 300 members across the 22 administrations in
 * proportion to population, with qualifications and availability; a declared crisis; and a handful
 * of open requests, among them the Gesundheitsamt's request for contact tracers. Runs once per
 * database (it does nothing when demo pool members exist).
 */
export async function seedDemoPool(db: Db, today = new Date()): Promise<{ members: number; requests: number }> {
  const [{ n }] = (await db.execute(sql`SELECT count(*)::int AS n FROM pool_members WHERE work_email LIKE '%.demo'`)).rows as Array<{
    n: number;
  }>;
  if (n > 0) return { members: 0, requests: 0 };
  const rnd = random(20261125);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const orgs = await db.select().from(organizations);
  const deps = await db.select().from(departments);
  const catalogue = await db.select().from(qualifications);
  const qid = (key: string) => catalogue.find((c) => c.key === key)?.id;
  const municipalities = orgs.filter((o) => o.kind === "municipality");
  const total = municipalities.reduce((s, o) => s + o.population, 0);
  const shares = new Map<string, number>(municipalities.map((o) => [o.id, Math.max(3, Math.round((270 * o.population) / total))]));
  const region = orgs.find((o) => o.kind === "region")!;
  shares.set(region.id, 30);

  return db.transaction(async (tx) => {
    let members = 0;
    for (const org of orgs) {
      const own = deps.filter((d) => d.organizationId === org.id);
      const domain = `${slug(org.name)}.demo`;
      for (let i = 0; i < (shares.get(org.id) ?? 0); i++) {
        const dep = org.kind === "region" && rnd() < 0.4 ? own.find((d) => d.key === "gesundheitsamt")! : pick(own);
        const profile = PROFILES[dep.key];
        const first = pick(FIRST);
        const last = pick(LAST);
        const isCivilServant = rnd() < 0.25;
        const [member] = await tx
          .insert(poolMembers)
          .values({
            regionId: org.regionId,
            organizationId: org.id,
            departmentId: dep.id,
            name: `${first} ${last}`,
            workEmail: `${slug(first)}.${slug(last)}.${i + 1}@${domain}`,
            phone: `0511 ${100 + Math.floor(rnd() * 899)}-${1000 + Math.floor(rnd() * 8999)}`,
            jobTitle: pick(profile.jobs),
            employmentStatus: isCivilServant ? "civil_servant" : "employee",
            payGroup: isCivilServant ? pick(["A 8", "A 9", "A 10", "A 11", "A 12"]) : pick(profile.pay.filter((g) => !g.startsWith("A "))),
            languages:
              rnd() < 0.3 ? ["Deutsch", pick(["Englisch", "Türkisch", "Arabisch", "Russisch", "Polnisch", "Ukrainisch"])] : ["Deutsch"],
            travelRadiusKm: pick([10, 15, 20, 25, 30, 40, 50]),
            canWorkRemotely: rnd() < 0.35,
            consentVersion: CONSENT_VERSION,
            consentedAt: addDays(today, -Math.floor(rnd() * 200)),
          })
          .returning();
        const held = new Set<string>();
        for (const key of profile.qualifications) if (rnd() < 0.55) held.add(key);
        if (held.size === 0) held.add(profile.qualifications[0]);
        if (rnd() < 0.12) held.add(pick(LANGUAGE_SKILLS));
        if (rnd() < 0.08) held.add("kontaktnachverfolgung");
        const values = [...held].flatMap((key) => {
          const id = qid(key);
          if (!id) return [];
          const expired = rnd() < 0.05;
          return [
            {
              memberId: member.id,
              qualificationId: id,
              regionId: org.regionId,
              organizationId: org.id,
              validUntil: expired ? iso(addDays(today, -30)) : rnd() < 0.2 ? iso(addDays(today, 365)) : null,
              confirmedAt: rnd() < 0.9 ? addDays(today, -10) : null,
            },
          ];
        });
        if (values.length) await tx.insert(poolMemberQualifications).values(values);
        const start = addDays(today, Math.floor(rnd() * 20) - 10);
        await tx.insert(availabilityWindows).values({
          memberId: member.id,
          regionId: org.regionId,
          organizationId: org.id,
          startsOn: iso(start),
          endsOn: iso(addDays(start, 60 + Math.floor(rnd() * 150))),
          hoursPerWeek: pick([10, 15, 20, 20, 25, 30, 39]),
        });
        members++;
      }
    }

    // The demo person on a running secondment keeps her entry with her own account (she signs in
    // as `abgeordnete@garbsen.demo` to record hours); added after the drawn members, so the draws stay.
    const [seconded] = await tx.select().from(accounts).where(eq(accounts.login, "abgeordnete@garbsen.demo"));
    if (seconded) {
      const [member] = await tx
        .insert(poolMembers)
        .values({
          regionId: seconded.regionId,
          organizationId: seconded.organizationId,
          departmentId: seconded.departmentId,
          accountId: seconded.id,
          name: seconded.displayName,
          workEmail: "jana.bode@garbsen.demo",
          phone: "05131 707-412",
          jobTitle: "Sachbearbeiterin Ordnungsamt",
          employmentStatus: "employee",
          payGroup: "E 9a",
          languages: ["Deutsch", "Englisch"],
          travelRadiusKm: 30,
          canWorkRemotely: true,
          consentVersion: CONSENT_VERSION,
          consentedAt: addDays(today, -120),
        })
        .returning();
      await tx.insert(poolMemberQualifications).values(
        ["kontaktnachverfolgung", "ordnungsrecht"].flatMap((key) => {
          const id = qid(key);
          return id
            ? [
                {
                  memberId: member.id,
                  qualificationId: id,
                  regionId: member.regionId,
                  organizationId: member.organizationId,
                  confirmedAt: addDays(today, -100),
                },
              ]
            : [];
        }),
      );
      await tx.insert(availabilityWindows).values({
        memberId: member.id,
        regionId: member.regionId,
        organizationId: member.organizationId,
        startsOn: iso(addDays(today, -30)),
        endsOn: iso(addDays(today, 150)),
        hoursPerWeek: 20,
      });
      members++;
    }

    const coordination = (await tx.select().from(accounts).where(eq(accounts.login, "koordination@region-hannover.demo")))[0];
    const [crisis] = await tx
      .insert(crises)
      .values({
        regionId: region.regionId,
        name: "Infektionswelle Winter 2026/27",
        description:
          "Stark steigende Fallzahlen in der Region. Das Gesundheitsamt braucht kurzfristig Verstärkung für Kontaktnachverfolgung und Bürgertelefon.",
        startsOn: iso(today),
        declaredBy: coordination?.id ?? null,
      })
      .returning();
    const byName = (name: string) => orgs.find((o) => o.name === name)!;
    const dep = (org: { id: string }, key: string) => deps.find((d) => d.organizationId === org.id && d.key === key)?.id ?? null;
    const requests = [
      {
        org: region,
        dep: "gesundheitsamt",
        title: "Kontaktnachverfolgung Gesundheitsamt",
        tasks: "Kontaktpersonen ermitteln und anrufen, Quarantäne anordnen, Fälle in SORMAS pflegen. Einarbeitung am ersten Tag.",
        headcount: 15,
        hours: 20,
        urgency: "crisis" as const,
        model: "reimbursement" as const,
        required: ["kontaktnachverfolgung"],
        preferred: ["sormas"],
        remote: true,
        contact: ["Dr. Miriam Okafor", "gesundheitsamt@region-hannover.demo"],
        crisis: crisis.id,
        days: [3, 90],
      },
      {
        org: region,
        dep: "gesundheitsamt",
        title: "Bürgertelefon Infektionsschutz",
        tasks: "Fragen von Bürgerinnen und Bürgern am Telefon beantworten.",
        headcount: 6,
        hours: 15,
        urgency: "crisis" as const,
        model: "reciprocity" as const,
        required: ["telefonhotline"],
        preferred: [],
        remote: true,
        contact: ["Dr. Miriam Okafor", "gesundheitsamt@region-hannover.demo"],
        crisis: crisis.id,
        days: [3, 60],
      },
      {
        org: region,
        dep: "bauordnung",
        title: "Rückstau Bauanträge (Bauaufsicht für acht Kommunen)",
        tasks:
          "Vollständigkeitsprüfung und baurechtliche Prüfung von Bauanträgen aus Burgwedel, Gehrden, Hemmingen, Isernhagen, Pattensen, Sehnde, Uetze und Wennigsen.",
        headcount: 3,
        hours: 39,
        urgency: "urgent" as const,
        model: "reimbursement" as const,
        required: ["bauantragspruefung"],
        preferred: ["baurecht_nbauo"],
        remote: false,
        contact: ["Jörg Brandes", "bauaufsicht@region-hannover.demo"],
        crisis: null,
        days: [14, 180],
      },
      {
        org: byName("Wunstorf"),
        dep: "bauordnung",
        title: "Bauantragsprüfung Neubaugebiet Wunstorf-Süd",
        tasks: "Prüfung von rund 60 Bauanträgen für Einfamilienhäuser.",
        headcount: 2,
        hours: 20,
        urgency: "normal" as const,
        model: "reciprocity" as const,
        required: ["bauantragspruefung"],
        preferred: [],
        remote: false,
        contact: ["Thomas Meyer", "bauamt@wunstorf.demo"],
        crisis: null,
        days: [30, 120],
      },
      {
        org: byName("Garbsen"),
        dep: "it",
        title: "Umstellung Netzwerk Rathaus Garbsen",
        tasks: "Migration der Netzwerkinfrastruktur am Wochenende und Nacharbeit.",
        headcount: 1,
        hours: 39,
        urgency: "normal" as const,
        model: "waiver" as const,
        required: ["netzwerkadministration"],
        preferred: ["informationssicherheit"],
        remote: false,
        contact: ["Markus Lange", "personal@garbsen.demo"],
        crisis: null,
        days: [21, 35],
      },
      {
        org: byName("Langenhagen"),
        dep: "ordnung",
        title: "Dolmetschen in der Unterkunft Langenhagen",
        tasks: "Begleitung der Erstaufnahme, Dolmetschen bei Gesprächen mit Behörden.",
        headcount: 2,
        hours: 10,
        urgency: "urgent" as const,
        model: "waiver" as const,
        required: ["dolmetschen_ukrainisch"],
        preferred: [],
        remote: false,
        contact: ["Ordnungsamt Langenhagen", "ordnungsamt@langenhagen.demo"],
        crisis: null,
        days: [7, 100],
      },
      {
        // Only the Region's own public health staff hold this: the allocation explains why it stays open.
        org: region,
        dep: "gesundheitsamt",
        title: "Abstrichzentrum: Medizinische Fachangestellte",
        tasks: "Abstriche nehmen und dokumentieren im Abstrichzentrum am Messegelände.",
        headcount: 4,
        hours: 30,
        urgency: "crisis" as const,
        model: "reimbursement" as const,
        required: ["medizinische_fachangestellte"],
        preferred: [],
        remote: false,
        contact: ["Dr. Miriam Okafor", "gesundheitsamt@region-hannover.demo"],
        crisis: crisis.id,
        days: [5, 60],
      },
    ];
    for (const r of requests) {
      const [row] = await tx
        .insert(supportRequests)
        .values({
          regionId: r.org.regionId,
          organizationId: r.org.id,
          departmentId: dep(r.org, r.dep),
          crisisId: r.crisis,
          title: r.title,
          tasks: r.tasks,
          placeLat: r.org.lat,
          placeLon: r.org.lon,
          isRemotePossible: r.remote,
          headcount: r.headcount,
          startsOn: iso(addDays(today, r.days[0])),
          endsOn: iso(addDays(today, r.days[1])),
          hoursPerWeek: r.hours,
          urgency: r.urgency,
          settlementModel: r.model,
          contactName: r.contact[0],
          contactEmail: r.contact[1],
          status: "open",
          openedAt: today,
        })
        .returning();
      const links = [
        ...r.required.map((k) => ({ key: k, isRequired: true })),
        ...r.preferred.map((k) => ({ key: k, isRequired: false })),
      ].flatMap((l) =>
        qid(l.key) ? [{ requestId: row.id, qualificationId: qid(l.key)!, regionId: row.regionId, isRequired: l.isRequired }] : [],
      );
      if (links.length) await tx.insert(supportRequestQualifications).values(links);
    }
    return { members, requests: requests.length };
  });
}
