-- Accounts that signed in before this migration count as used: single sign-on never matches them
-- by e-mail (it matches only accounts nobody has signed in to yet).
UPDATE accounts SET last_signed_in_at = logins.at
  FROM (SELECT entity_id, max(at) AS at FROM audit_events WHERE action = 'login' AND entity = 'account' GROUP BY entity_id) AS logins
  WHERE logins.entity_id = accounts.id::text;
--> statement-breakpoint
-- Separation of duties (DESIGN.md › Users): the staff council is independent of the employer, so
-- `staff_council` is never held together with `org_admin`, `department_head` or `region_admin`.
-- The application checks this in `writeAccountRoles`; this trigger makes every other path (an
-- operator's SQL, a future code path) fail too. It locks the account row first, so that two
-- transactions cannot each add one half of a forbidden pair: the second one waits, then sees the
-- first one's role (each statement of a PL/pgSQL function takes a new snapshot in READ COMMITTED).
CREATE FUNCTION account_roles_staff_council_independent() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM accounts WHERE id = NEW.account_id FOR NO KEY UPDATE;
  IF EXISTS (SELECT 1 FROM account_roles WHERE account_id = NEW.account_id AND role = 'staff_council')
     AND EXISTS (SELECT 1 FROM account_roles WHERE account_id = NEW.account_id AND role IN ('org_admin', 'department_head', 'region_admin')) THEN
    RAISE EXCEPTION 'staff_council cannot be held together with org_admin, department_head or region_admin'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'account_roles_staff_council_independent';
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER account_roles_staff_council_independent AFTER INSERT OR UPDATE ON account_roles
  DEFERRABLE INITIALLY IMMEDIATE
  FOR EACH ROW WHEN (NEW.role IN ('staff_council', 'org_admin', 'department_head', 'region_admin'))
  EXECUTE FUNCTION account_roles_staff_council_independent();
