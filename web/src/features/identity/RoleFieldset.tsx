import { useTranslation } from "react-i18next";
import { Checkbox, Fieldset } from "../../components/forms";
import type { Role } from "./api";

/**
 * Checkboxes for an account's roles, as one fieldset: the roles the server says the caller may
 * grant (`grantableRoles`), and before them any role the account already holds beyond those
 * (e.g. region_admin, which only the coordination grants; it may stay).
 */
export function RoleFieldset({
  roles,
  held,
  grantable,
  onChange,
  error,
  disabledHint,
}: {
  /** The roles ticked now. */
  roles: Role[];
  /** The roles the account holds (saved); none for a new account. */
  held: readonly Role[];
  /** The roles the caller may grant, from the server. */
  grantable: readonly Role[];
  onChange(r: Role[]): void;
  error?: string;
  /** Why the roles cannot be changed here (own account); the boxes are then read-only. */
  disabledHint?: string;
}) {
  const { t } = useTranslation();
  const available = [...held.filter((r) => !grantable.includes(r)), ...grantable];
  return (
    <Fieldset name="roles" legend={t("accounts.roles")} hint={disabledHint} error={error}>
      <div className="kern-fieldset__body role-grid">
        {available.map((role) => (
          <Checkbox
            key={role}
            name={`role-${role}`}
            label={t(`roles.${role}`)}
            checked={roles.includes(role)}
            disabled={!!disabledHint}
            invalid={!!error}
            onChange={(on) => onChange(on ? [...roles, role] : roles.filter((r) => r !== role))}
          />
        ))}
      </div>
    </Fieldset>
  );
}
