import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Problem } from "../api/client";

/**
 * The error summary above a form: names each invalid field with a link to it, and takes the focus
 * when it appears (the pattern of GOV.UK and KERN). Without field errors it shows the problem text.
 */
export function ErrorSummary({ problem, labels }: { problem: Problem | null; labels: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;
  const errors = problem.errors ?? [];
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
              <li key={e.field + e.rule}>
                <a className="kern-link" href={`#field-${e.field}`}>
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
  type?: "text" | "email" | "password" | "date" | "number";
  autoComplete?: string;
  required?: boolean;
  /** A textarea for longer text (tasks, notes). */
  multiline?: boolean;
}

/** A labelled text input in KERN markup; errors and hints are tied to it with aria-describedby. */
export function TextField({ name, label, value, onChange, error, hint, type = "text", autoComplete, required, multiline }: TextFieldProps) {
  const id = `field-${name}`;
  const described = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`kern-form-input${error ? " kern-form-input--error" : ""}`}>
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
      {hint ? (
        <div className="kern-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {error ? (
        <p className="kern-error" id={`${id}-error`}>
          <span className="kern-icon kern-icon--danger kern-icon--default" aria-hidden="true" />
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
      {multiline ? (
        <textarea
          className={`kern-form-input__input textarea${error ? " kern-form-input__input--error" : ""}`}
          id={id}
          name={name}
          value={value}
          rows={4}
          required={required}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
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
          aria-describedby={described}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </div>
  );
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
      {error ? (
        <p className="kern-error" id={`${id}-error`}>
          <span className="kern-body">{error}</span>
        </p>
      ) : null}
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

/** A checkbox in KERN markup. */
export function Checkbox({
  name,
  label,
  checked,
  onChange,
  disabled,
}: {
  name: string;
  label: string;
  checked: boolean;
  onChange(v: boolean): void;
  disabled?: boolean;
}) {
  const id = `field-${name}`;
  return (
    <div className="kern-form-check">
      <input
        className="kern-form-check__checkbox"
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        disabled={disabled}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label className="kern-label" htmlFor={id}>
        {label}
      </label>
    </div>
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
}: {
  children: ReactNode;
  kind?: "primary" | "secondary" | "tertiary";
  type?: "submit" | "button";
  onClick?: () => void;
  disabled?: boolean;
  /** Accessible name when the visible text alone is ambiguous (it must start with the visible text, WCAG 2.5.3). */
  label?: string;
}) {
  return (
    <button type={type} className={`kern-btn kern-btn--${kind}`} onClick={onClick} disabled={disabled} aria-label={label}>
      <span className="kern-label">{children}</span>
    </button>
  );
}
