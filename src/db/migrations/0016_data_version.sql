-- The data version (#14): one number that every committed change of presented data increases, so
-- that an app server may answer a read from the page it presented before as long as the number is
-- the same (src/server/read-cache.ts). The triggers are deferred to the commit and bump once per
-- transaction, so the number's row is locked only for the moment of the commit (no deadlock with
-- the locks the transaction took before), and a reader sees the new number together with the data.
-- The number is the clock's microseconds (at least one more than before), so that it names one
-- state of the data for good: after the restore of an older backup the next change takes a number
-- no server has seen.
-- `ensureDataVersionTriggers` (src/db/data-version.ts) attaches the trigger to every table after
-- the migrations, including tables that later migrations create.
CREATE TABLE "data_version" (
  "id" boolean PRIMARY KEY DEFAULT true CHECK ("id"),
  "version" bigint NOT NULL DEFAULT 1
);--> statement-breakpoint
INSERT INTO "data_version" DEFAULT VALUES;--> statement-breakpoint
CREATE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('verbund.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
    UPDATE data_version SET version = greatest(version + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint);
    PERFORM set_config('verbund.data_version_bumped', 'on', true);
  END IF;
  RETURN NULL;
END;
$$;
