import { sql } from "drizzle-orm";
import type { Db } from "../src/db/client";

/** Row count and an MD5 over the sorted rows of every table (public and drizzle schemas). */
export async function tableChecksums(db: Db): Promise<Record<string, { rows: number; md5: string }>> {
  const { rows: tables } = await db.execute(
    sql`SELECT schemaname, tablename FROM pg_tables WHERE schemaname IN ('public', 'drizzle') ORDER BY schemaname, tablename`,
  );
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of tables as Array<{ schemaname: string; tablename: string }>) {
    const ident = sql`${sql.identifier(t.schemaname)}.${sql.identifier(t.tablename)}`;
    const { rows } = await db.execute(
      sql`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM ${ident} x`,
    );
    const r = rows[0] as { n: number; h: string };
    out[`${t.schemaname}.${t.tablename}`] = { rows: r.n, md5: r.h };
  }
  return out;
}
