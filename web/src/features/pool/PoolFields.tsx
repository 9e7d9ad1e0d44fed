import { useTranslation } from "react-i18next";
import type { Qualification } from "./api";
import { Button, Checkbox, Fieldset, TextField } from "../../components/forms";

/** Pay groups offered in the forms: the group only, never the step. */
export const PAY_GROUPS = [
  ...["1", "2", "2Ü", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c", "10", "11", "12", "13", "14", "15", "15Ü"].map((g) => `E ${g}`),
  ...["2", "3", "4", "7", "8a", "8b", "9", "11a", "11b", "12", "13", "14", "15", "16", "17", "18"].map((g) => `S ${g}`),
  ...Array.from({ length: 14 }, (_, i) => `A ${i + 3}`),
  ...Array.from({ length: 11 }, (_, i) => `B ${i + 1}`),
];

/**
 * The message of a group of fields: its own error, else the first error of a field inside it that
 * has no field of its own on the page (`qualifications.1.qualificationId`).
 */
export function groupError(errors: Record<string, string>, name: string, hasOwnField: (field: string) => boolean = () => false) {
  if (errors[name]) return errors[name];
  const inside = Object.keys(errors).find((field) => field.startsWith(`${name}.`) && !hasOwnField(field));
  return inside ? errors[inside] : undefined;
}

/** The labels of the valid-until dates for the error summary ("Gültig bis (Kontaktnachverfolgung)"). */
export function validUntilLabels(
  name: string,
  selected: string[],
  catalogue: Qualification[],
  t: (key: string, options?: Record<string, string>) => string,
): Record<string, string> {
  return Object.fromEntries(
    selected.map((id, i) => [`${name}.${i}.validUntil`, t("pool.validUntilOf", { name: catalogue.find((q) => q.id === id)?.name ?? "" })]),
  );
}

/**
 * Qualification checkboxes, one fieldset per category of the catalogue. With `validUntil`, each
 * ticked qualification gets a "valid until" date beside it (a certificate that expires), named as
 * the API names it (`qualifications.<n>.validUntil`, n counting the ticked ones in order).
 */
export function QualificationFieldsets({
  name,
  catalogue,
  selected,
  onChange,
  legend,
  validUntil,
  onValidUntilChange,
  errors = {},
}: {
  /** The field of the API (`qualifications`, `requiredQualificationIds`): the fieldset's id and errors. */
  name: string;
  catalogue: Qualification[];
  selected: string[];
  onChange(ids: string[]): void;
  legend: string;
  validUntil?: Record<string, string>;
  onValidUntilChange?(value: Record<string, string>): void;
  /** The form's field errors. */
  errors?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const categories = [...new Set(catalogue.map((q) => q.category))];
  const hasDates = !!validUntil && !!onValidUntilChange;
  const error = groupError(errors, name, (field) => hasDates && field.endsWith(".validUntil"));
  return (
    <Fieldset name={name} legend={legend} error={error}>
      {categories.map((category) => (
        <fieldset key={category} className="kern-fieldset qualification-group">
          <legend className="kern-label">{category}</legend>
          <div className="kern-fieldset__body role-grid">
            {catalogue
              .filter((q) => q.category === category)
              .map((q) => {
                const index = selected.indexOf(q.id);
                const dateField = `${name}.${index}.validUntil`;
                return (
                  <div key={q.id}>
                    <Checkbox
                      name={`${name}-${q.key}`}
                      label={q.name}
                      checked={index >= 0}
                      invalid={!!error}
                      onChange={(on) => onChange(on ? [...selected, q.id] : selected.filter((id) => id !== q.id))}
                    />
                    {hasDates && index >= 0 ? (
                      <div className="qualification-valid">
                        <TextField
                          name={dateField}
                          label={t("pool.validUntilOf", { name: q.name })}
                          type="date"
                          value={validUntil[q.id] ?? ""}
                          error={errors[dateField]}
                          onChange={(v) => onValidUntilChange({ ...validUntil, [q.id]: v })}
                        />
                      </div>
                    ) : null}
                  </div>
                );
              })}
          </div>
        </fieldset>
      ))}
    </Fieldset>
  );
}

/** One availability window as the form holds it. */
export type WindowInput = { startsOn: string; endsOn: string; hoursPerWeek: string };
export const emptyWindow = (): WindowInput => ({ startsOn: "", endsOn: "", hoursPerWeek: "20" });

/** The labels of the availability fields, for the error summary. */
export function availabilityLabels(windows: WindowInput[], t: (key: string) => string): Record<string, string> {
  const labels: Record<string, string> = { availability: t("pool.availability") };
  windows.forEach((_, i) => {
    const prefix = `${t("pool.availability")} ${i + 1}`;
    labels[`availability.${i}.startsOn`] = `${prefix}: ${t("pool.startsOn")}`;
    labels[`availability.${i}.endsOn`] = `${prefix}: ${t("pool.endsOn")}`;
    labels[`availability.${i}.hoursPerWeek`] = `${prefix}: ${t("pool.hoursPerWeek")}`;
  });
  return labels;
}

/** The windows the API receives: empty rows are left out. */
export const availabilityBody = (windows: WindowInput[]) =>
  windows
    .filter((w) => w.startsOn || w.endsOn)
    .map((w) => ({ startsOn: w.startsOn, endsOn: w.endsOn, hoursPerWeek: Number(w.hoursPerWeek) }));

/** Availability windows: period and hours per week, as many as needed. */
export function AvailabilityFields({
  windows,
  onChange,
  errors,
}: {
  windows: WindowInput[];
  onChange(windows: WindowInput[]): void;
  errors: Record<string, string>;
}) {
  const { t } = useTranslation();
  const labels = availabilityLabels(windows, t);
  const change = (i: number, key: keyof WindowInput) => (v: string) => onChange(windows.map((x, j) => (j === i ? { ...x, [key]: v } : x)));
  const error = groupError(errors, "availability", (field) => /^availability\.\d+\.(startsOn|endsOn|hoursPerWeek)$/.test(field));
  return (
    <Fieldset name="availability" legend={labels.availability} error={error}>
      {windows.map((w, i) => (
        <div key={i} className="window-row">
          {(["startsOn", "endsOn", "hoursPerWeek"] as const).map((key) => (
            <TextField
              key={key}
              name={`availability.${i}.${key}`}
              label={labels[`availability.${i}.${key}`]}
              type={key === "hoursPerWeek" ? "number" : "date"}
              value={w[key]}
              error={errors[`availability.${i}.${key}`]}
              onChange={change(i, key)}
            />
          ))}
        </div>
      ))}
      <Button type="button" kind="tertiary" onClick={() => onChange([...windows, emptyWindow()])}>
        {t("pool.addWindow")}
      </Button>
    </Fieldset>
  );
}

/** Languages as one comma-separated field ("Englisch, Arabisch"). */
export const parseLanguages = (text: string) =>
  text
    .split(/[,;]/)
    .map((l) => l.trim())
    .filter(Boolean);

/** Held qualifications as the API receives them, with their valid-until dates. */
export const heldBody = (held: string[], validUntil: Record<string, string>) =>
  held.map((qualificationId) => ({ qualificationId, validUntil: validUntil[qualificationId] || null }));
