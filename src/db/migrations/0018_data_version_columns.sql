-- An update that changes only columns no cached page shows (the trigger's arguments, see
-- UNVERSIONED_COLUMNS in src/db/data-version.ts — e.g. an account's last sign-in) leaves the data
-- version alone, so a morning of sign-ins does not empty every read cache.
CREATE OR REPLACE FUNCTION bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND TG_NARGS > 0 AND (to_jsonb(NEW) - TG_ARGV::text[]) = (to_jsonb(OLD) - TG_ARGV::text[]) THEN
    RETURN NULL;
  END IF;
  IF current_setting('verbund.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
    UPDATE data_version SET version = greatest(version + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint);
    PERFORM set_config('verbund.data_version_bumped', 'on', true);
  END IF;
  RETURN NULL;
END;
$$;
