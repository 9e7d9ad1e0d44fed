import { useEffect, useLayoutEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Problem } from "../api/client";

/**
 * The element a field error belongs to: `field-<field>`, or for a field inside a group the nearest
 * enclosing field that is shown (`qualifications.2.qualificationId` → the fieldset
 * `field-qualifications`). Null when the page has no such field.
 */
export function fieldElement(field: string, root: ParentNode = document): HTMLElement | null {
  const parts = field.split(".");
  for (let n = parts.length; n > 0; n--) {
    const found = root.querySelector<HTMLElement>(`[id="field-${parts.slice(0, n).join(".")}"]`);
    if (found) return found;
  }
  return null;
}

/** Moves the focus to a field: the control itself, or the first control of a fieldset. */
function focusField(field: string) {
  const target = fieldElement(field);
  if (!target) return;
  const control = target.matches("input, select, textarea")
    ? target
    : target.querySelector<HTMLElement>("input:not([disabled]), select:not([disabled]), textarea:not([disabled])");
  (control ?? target).focus();
  target.scrollIntoView({ block: "center" });
}

/** Field names in the order their fields stand on the page; those without a field last. */
function inPageOrder(fields: string[]): string[] {
  const at = new Map(fields.map((f) => [f, fieldElement(f)]));
  return [...fields].sort((a, b) => {
    const x = at.get(a);
    const y = at.get(b);
    if (!x || !y || x === y) return (x ? 0 : 1) - (y ? 0 : 1);
    return x.compareDocumentPosition(y) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
  });
}

/**
 * The error summary above a form: names each invalid field with a link to it, in the order of the
 * form, and takes the focus when it appears (the pattern of GOV.UK and KERN). A link moves the
 * focus to its field (to the first box of a group of checkboxes). Without field errors it shows
 * the problem text.
 */
export function ErrorSummary({ problem, labels }: { problem: Problem | null; labels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const [order, setOrder] = useState<string[]>([]);
  // The fields are on the page before their errors arrive: sorted before the browser paints.
  useLayoutEffect(() => setOrder(inPageOrder([...new Set((problem?.errors ?? []).map((e) => e.field))])), [problem]);
  useEffect(() => {
    if (!problem) return;
    // After the turn in which a confirmation dialog closes (which gives the focus back to its button).
    const timer = setTimeout(() => ref.current?.focus());
    return () => clearTimeout(timer);
  }, [problem]);
  if (!problem) return null;
  // One line per field, the message its field shows (the first rule it broke).
  const errors = (problem.errors ?? [])
    .filter((e, i, all) => all.findIndex((o) => o.field === e.field) === i)
    .sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  const message = i18n.language === "en" ? problem.messages.en : problem.messages.de;
  return (
    <div className="kern-alert kern-alert--danger" role="alert" tabIndex={-1} ref={ref}>
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{errors.length ? t("errors.summary") : message}</span>
      </div>
      {errors.length ? (
        <div className="kern-alert__body">
          <ul className="kern-list">
            {errors.map((e) => (
              <li key={e.field}>
                <a
                  className="kern-link"
                  href={`#field-${e.field}`}
                  onClick={(event) => {
                    event.preventDefault();
                    focusField(e.field);
                  }}
                >
                  {labels[e.field] ?? e.field}: {i18n.language === "en" ? e.message.en : e.message.de}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** What a field says when the browser cannot read what was typed into it (the server's words). */
const UNREADABLE = {
  date: { de: "Geben Sie das Datum im Format 31.12.2026 ein.", en: "Enter the date like 31/12/2026." },
  number: { de: "Geben Sie eine Zahl ein.", en: "Enter a number." },
};

/** What the summary says above errors found before sending, where no single field's words fit. */
const INVALID = { de: "Die Eingaben sind nicht gültig.", en: "The input is not valid." };

/**
 * A problem found in the page before sending, in the server's shape, so the summary and the fields
 * show it as they show the server's: each error at its field in both languages; the summary says
 * `messages` (the first error's words unless given).
 */
export function inputProblem(
  errors: Array<{ field: string; rule: string; message: { de: string; en: string } }>,
  messages: { de: string; en: string } = errors[0]?.message ?? INVALID,
): Problem {
  return {
    type: "urn:verbund:problem:validation",
    title: INVALID.de,
    status: 400,
    detail: "",
    code: "validation",
    messages,
    errors: errors.map((e) => ({ ...e, in: "body" })),
  };
}

/**
 * The fields of a form holding text the browser cannot read as a date or number ("31.02.2026",
 * "1e"): the browser then hands the page an empty value, which must not be sent as if the field
 * were empty. As a problem with the server's plain words, or null when every field is readable.
 */
export function unreadableFields(form: HTMLFormElement): Problem | null {
  const errors = [...form.elements]
    .filter((el): el is HTMLInputElement => el instanceof HTMLInputElement && !el.disabled && el.validity.badInput)
    .map((input) => ({
      field: input.name,
      rule: "unreadable",
      message: input.type === "number" ? UNREADABLE.number : UNREADABLE.date,
    }));
  return errors.length ? inputProblem(errors, INVALID) : null;
}

/**
 * A form of Verbund: named (`name`, so the browser test `e2e/forms.e2e.ts` can find and walk it),
 * without the browser's own validation bubbles (`noValidate`: the messages come from the server, in
 * plain words, at the fields), and it does not send what the browser could not read — a date or
 * number the person typed that is no date or number is reported at its field through `mutation`.
 *
 * @example
 * <Form name="crisis-declare" labelledBy="declare-heading" mutation={declaration} onSubmit={declare}>…</Form>
 */
export function Form({
  name,
  onSubmit,
  mutation,
  labelledBy,
  className = "kern-stack form-narrow",
  children,
}: {
  /** Unique in the app, kebab-case; listed in `e2e/form-walks.ts`, which the browser test walks. */
  name: string;
  /** Called when every field is readable (the event is already prevented). */
  onSubmit(event: FormEvent<HTMLFormElement>): void;
  /** Shows the fields the browser could not read, like a refusal of the server. */
  mutation?: { fail(problem: Problem): void };
  /** The id of the heading that names the form. */
  labelledBy?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <form
      name={name}
      className={className}
      aria-labelledby={labelledBy}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const unreadable = mutation ? unreadableFields(event.currentTarget) : null;
        if (unreadable) mutation!.fail(unreadable);
        else onSubmit(event);
      }}
    >
      {children}
    </form>
  );
}

/** The error text of a field in KERN markup (`id` for the control's aria-describedby). */
export function FieldError({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p className="kern-error" id={id}>
      <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
      <span className="kern-body">{children}</span>
    </p>
  );
}

/** An error message that interrupts (role "alert"), e.g. why a sign-in through the provider failed. */
export function Alert({ children }: { children: ReactNode }) {
  return (
    <div className="kern-alert kern-alert--danger" role="alert">
      <div className="kern-alert__header">
        <span className="kern-icon kern-icon--danger" aria-hidden="true" />
        <span className="kern-title">{children}</span>
      </div>
    </div>
  );
}

/** A problem's message in the UI language, as an {@link Alert} (a page that could not load). */
export function ProblemAlert({ problem }: { problem: Problem }) {
  const { i18n } = useTranslation();
  return <Alert>{i18n.language === "en" ? problem.messages.en : problem.messages.de}</Alert>;
}

/** A success or info message, announced politely. */
export function Notice({ children, kind = "success", focus }: { children: ReactNode; kind?: "success" | "info"; focus?: boolean }) {
  const ref = useRef<HTMLDivElement>(null);
  // A new message, not a new render: JSX children are a new object on every render of the page,
  // and focus must not jump back here while the person works on (e.g. ticks a checkbox).
  const message = typeof children === "string" ? children : null;
  // After an action the confirmation is where the person looks next: focus moves to it.
  useEffect(() => {
    if (!focus) return;
    // After the turn in which a confirmation dialog closes (which gives focus back to its button).
    const timer = setTimeout(() => ref.current?.focus());
    return () => clearTimeout(timer);
  }, [focus, message]);
  return (
    <div className={`kern-alert kern-alert--${kind}`} role="status" ref={ref} tabIndex={focus ? -1 : undefined}>
      <div className="kern-alert__header">
        <span className={`kern-icon kern-icon--${kind}`} aria-hidden="true" />
        <span className="kern-title">{children}</span>
      </div>
    </div>
  );
}

interface TextFieldProps {
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  type?: "text" | "email" | "password" | "date" | "number" | "search";
  autoComplete?: string;
  required?: boolean;
  /** A textarea for longer text (tasks, notes). */
  multiline?: boolean;
}

/** A labelled text input in KERN markup; errors and hints are tied to it with aria-describedby. */
export function TextField({ name, label, value, onChange, error, hint, type = "text", autoComplete, required, multiline }: TextFieldProps) {
  const id = `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {multiline ? (
        <textarea
          className={`kern-form-input__input textarea${error ? " kern-form-input__input--error" : ""}`}
          id={id}
          name={name}
          value={value}
          rows={4}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          className={`kern-form-input__input${error ? " kern-form-input__input--error" : ""}`}
          id={id}
          name={name}
          type={type}
          value={value}
          autoComplete={autoComplete}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A file chooser in KERN markup: label, hint, error; `accept` names the types offered. */
export function FileField({
  name,
  label,
  hint,
  accept,
  error,
  onChange,
}: {
  name: string;
  label: string;
  hint?: string;
  accept: string;
  error?: string;
  onChange(file: File | null): void;
}) {
  const id = `field-${name}`;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        className={`kern-form-input__input${error ? " kern-form-input__input--error" : ""}`}
        id={id}
        name={name}
        type="file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
      />
    </FieldFrame>
  );
}

/** The KERN frame of one input: the wrapper marked when in error, the label, the hint and the error. */
function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <div className={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </div>
  );
}

/** The hint and the error of the field `id`, in this order, each with the id {@link describedBy} names. */
function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
    </>
  );
}

/** The aria-describedby of the field `id`: its hint and its error, where there are. */
function describedBy(id: string, hint?: string, error?: string): string | undefined {
  return [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
}

interface SelectFieldProps {
  name: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
  error?: string;
}

/** A labelled select in KERN markup. */
export function SelectField({ name, label, value, options, onChange, error }: SelectFieldProps) {
  const id = `field-${name}`;
  return (
    <div className={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
      <div className="kern-form-input__select-wrapper">
        <select
          className={`kern-form-input__select${error ? " kern-form-input__select--error" : ""}`}
          id={id}
          name={name}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

/**
 * A checkbox in KERN markup. Its own error (e.g. a consent not given) stands below the box and its
 * label, as a text field's below the input, and is tied to it with aria-describedby; `invalid` marks a box of a group whose error the fieldset shows.
 */
export function Checkbox({
  name,
  label,
  checked,
  onChange,
  disabled,
  error,
  invalid,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  disabled?: boolean;
  /** The field's error message. */
  error?: string;
  /** Part of a group with an error ({@link Fieldset}): marked invalid, described by the fieldset. */
  invalid?: boolean;
}) {
  const id = `field-${name}`;
  const isInvalid = !!error || !!invalid;
  return (
    <div className={`kern-form-check${error ? " kern-form-check--error" : ""}`}>
      <input
        className={`kern-form-check__checkbox${isInvalid ? " kern-form-check__checkbox--error" : ""}`}
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        disabled={disabled}
        aria-invalid={isInvalid ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {error ? <FieldError id={`${id}-error`}>{error}</FieldError> : null}
    </div>
  );
}

/**
 * A group of fields under a legend (checkboxes, a row of dates): its error stands after the legend
 * and the fieldset is described by it (the boxes inside are marked `invalid` by the caller). The
 * fieldset's id is `field-<name>`, so the error summary links to it and a nested field's error
 * (`qualifications.2.qualificationId`) finds it.
 */
export function Fieldset({
  name,
  legend,
  error,
  hint,
  className,
  children,
}: {
  name: string;
  legend: string;
  error?: string;
  /** Said after the legend, before the error (why the boxes cannot be changed, what to choose). */
  hint?: string;
  className?: string;
  children: ReactNode;
}) {
  const id = `field-${name}`;
  return (
    <fieldset
      className={["kern-fieldset", error ? "kern-fieldset--error" : "", className ?? ""].filter(Boolean).join(" ")}
      id={id}
      aria-describedby={describedBy(id, hint, error)}
    >
      <legend className="kern-label">{legend}</legend>
      <HintAndError id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  );
}

/** A primary or secondary button with KERN's label span. */
export function Button({
  children,
  kind = "primary",
  type = "submit",
  onClick,
  disabled,
  label,
  value,
}: {
  children: ReactNode;
  kind?: "primary" | "secondary" | "tertiary";
  type?: "submit" | "button";
  onClick?: () => void;
  disabled?: boolean;
  /** Accessible name when the visible text alone is ambiguous (it must start with the visible text, WCAG 2.5.3). */
  label?: string;
  /** Which of a form's submit buttons sent it (`SubmitEvent.submitter`). */
  value?: string;
}) {
  return (
    <button type={type} className={`kern-btn kern-btn--${kind}`} onClick={onClick} disabled={disabled} aria-label={label} value={value}>
      <span className="kern-label">{children}</span>
    </button>
  );
}
