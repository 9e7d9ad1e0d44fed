import { useTranslation } from "react-i18next";
import type { Qualification } from "./api";
import { Button, Checkbox, TextField } from "../../components/forms";

/** Pay groups offered in the forms: the group only, never the step. */
export const PAY_GROUPS = [
  ...["1", "2", "2Ü", "3", "4", "5", "6", "7", "8", "9a", "9b", "9c", "10", "11", "12", "13", "14", "15", "15Ü"].map((g) => `E ${g}`),
  ...["2", "3", "4", "7", "8a", "8b", "9", "11a", "11b", "12", "13", "14", "15", "16", "17", "18"].map((g) => `S ${g}`),
  ...Array.from({ length: 14 }, (_, i) => `A ${i + 3}`),
  ...Array.from({ length: 11 }, (_, i) => `B ${i + 1}`),
];

/**
 * Qualification checkboxes, one fieldset per category of the catalogue. With `validUntil`, each
 * ticked qualification gets a "valid until" date beside it (a certificate that expires).
 */
export function QualificationFieldsets({
  catalogue,
  selected,
  onChange,
  legend,
  validUntil,
  onValidUntilChange,
}: {
  catalogue: Qualification[];
  selected: string[];
  onChange(ids: string[]): void;
  legend: string;
  validUntil?: Record<string, string>;
  onValidUntilChange?(value: Record<string, string>): void;
}) {
  const { t } = useTranslation();
  const categories = [...new Set(catalogue.map((q) => q.category))];
  return (
    <fieldset className="kern-fieldset" id="field-qualifications">
      <legend className="kern-label">{legend}</legend>
      {categories.map((category) => (
        <fieldset key={category} className="kern-fieldset qualification-group">
          <legend className="kern-label">{category}</legend>
          <div className="kern-fieldset__body role-grid">
            {catalogue
              .filter((q) => q.category === category)
              .map((q) => (
                <div key={q.id}>
                  <Checkbox
                    name={`q-${legend}-${q.key}`}
                    label={q.name}
                    checked={selected.includes(q.id)}
                    onChange={(on) => onChange(on ? [...selected, q.id] : selected.filter((id) => id !== q.id))}
                  />
                  {validUntil && onValidUntilChange && selected.includes(q.id) ? (
                    <div className="qualification-valid">
                      <TextField
                        name={`valid-${q.key}`}
                        label={t("pool.validUntilOf", { name: q.name })}
                        type="date"
                        value={validUntil[q.id] ?? ""}
                        onChange={(v) => onValidUntilChange({ ...validUntil, [q.id]: v })}
                      />
                    </div>
                  ) : null}
                </div>
              ))}
          </div>
        </fieldset>
      ))}
    </fieldset>
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
  return (
    <fieldset className="kern-fieldset" id="field-availability">
      <legend className="kern-label">{labels.availability}</legend>
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
    </fieldset>
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
