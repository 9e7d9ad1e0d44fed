import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, FieldError, Form, inputProblem, SelectField, TextField } from "../../components/forms";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import type { Expense, Expenses, RecordExpense, Timesheet } from "./api";
import { centsOf, euros } from "./money";

const KINDS = ["travel", "separation_allowance", "per_diem"] as const;
const MAX_RECEIPT_BYTES = 5 * 1024 * 1024;

/** The file's content as base64 (without the `data:` prefix). */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * The month's expenses (travel costs, separation allowance, per diem) with their receipts: the
 * person records one with a receipt, the receiving head confirms or returns it (asked first, with
 * a comment), the lending side reads what is confirmed. Receipts download as files.
 */
export function ExpensesSection({
  id,
  month,
  monthLabel,
  today,
  secondment,
  name,
  onNotice,
}: {
  id: string;
  month: string;
  monthLabel: string;
  today: string;
  secondment: Timesheet["secondment"];
  /** The person's name as the page shows it (a pool person's hidden). */
  name: string;
  onNotice(message: string | null): void;
}) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const query = useApi<Expenses>(
    () => api.GET("/api/v1/secondments/{id}/expenses", { params: { path: { id }, query: { month } } }),
    [id, month],
  );
  const [day, setDay] = useState(today);
  const [kind, setKind] = useState<(typeof KINDS)[number]>("travel");
  const [amount, setAmount] = useState("");
  const [note, setNote] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [returning, setReturning] = useState<Expense | null>(null);
  const [comment, setComment] = useState("");
  const both = (key: string) => ({ de: i18n.getFixedT("de")(key), en: i18n.getFixedT("en")(key) });
  const problemAt = (field: string, key: string) => inputProblem([{ field, rule: "input", message: both(key) }]);
  const apply = (changed: Expenses, message: string) => {
    onNotice(message);
    if (changed.month === month) query.setData(changed);
    else void query.reload();
  };
  const record = useMutation(
    async (body: RecordExpense) => {
      const res = await api.POST("/api/v1/secondments/{id}/expenses", { params: { path: { id } }, body });
      // The receipt's content is the file field of the form.
      const problem = res.error as Problem | undefined;
      if (problem?.errors) problem.errors = problem.errors.map((e) => (e.field.startsWith("receipt.") ? { ...e, field: "receipt" } : e));
      return res;
    },
    {
      onSuccess(changed, body) {
        setAmount("");
        setNote("");
        setFile(null);
        apply(
          changed,
          t("expenses.saved", {
            kind: t(`expenses.kinds.${body.kind}`),
            amount: euros(body.amountCents, i18n.language),
            borrower: secondment.borrower,
          }),
        );
      },
    },
  );
  const decide = useMutation(
    (e: Expense, step: "confirm" | "return") =>
      step === "confirm"
        ? api.POST("/api/v1/secondments/{id}/expenses/{expenseId}/confirm", { params: { path: { id, expenseId: e.id } } })
        : api.POST("/api/v1/secondments/{id}/expenses/{expenseId}/return", {
            params: { path: { id, expenseId: e.id } },
            body: { comment },
          }),
    {
      onSuccess(changed, e, step) {
        setReturning(null);
        setComment("");
        const words = { kind: t(`expenses.kinds.${e.kind}`), amount: euros(e.amountCents, i18n.language), day: f.dateLong(e.day) };
        apply(changed, step === "confirm" ? t("expenses.confirmed", words) : t("expenses.returned", words));
      },
    },
  );

  const submit = async () => {
    onNotice(null);
    const cents = centsOf(amount);
    if (cents === null) return record.fail(problemAt("amountCents", "expenses.notAnAmount"));
    if (file && file.size > MAX_RECEIPT_BYTES) return record.fail(problemAt("receipt", "expenses.receiptTooBig"));
    await record.run({
      day,
      kind,
      amountCents: cents,
      note: note.trim() || null,
      ...(file ? { receipt: { fileName: file.name, content: await base64Of(file) } } : {}),
    });
  };

  const x = query.data;
  if (!x) return <QueryState query={query} inline />;
  const labels = {
    day: t("expenses.day"),
    kind: t("expenses.kind"),
    amountCents: t("expenses.amount"),
    note: t("expenses.note"),
    receipt: t("expenses.receipt"),
  };
  const hasActions = x.items.some((e) => e.abilities.confirm);
  return (
    <section aria-labelledby="expenses-heading">
      <h2 className="kern-heading-medium" id="expenses-heading">
        {t("expenses.heading", { month: monthLabel })}
      </h2>
      <p className="kern-body">{t("expenses.intro")}</p>
      <p className="kern-body">
        <strong>
          {t("expenses.totals", {
            confirmed: euros(x.totals.confirmedCents, i18n.language),
            open: euros(x.totals.openCents, i18n.language),
          })}
        </strong>
      </p>
      {/* While the dialog asks, its own summary says why returning was refused. */}
      <ErrorSummary problem={returning ? null : decide.problem} labels={{}} />
      {x.items.length === 0 ? (
        <p className="kern-body">{t("expenses.empty")}</p>
      ) : (
        <DataTable
          id="expenses-table"
          labelledBy="expenses-heading"
          stacked
          columns={[
            { label: t("expenses.day") },
            { label: t("expenses.kind") },
            { label: t("expenses.amount"), numeric: true },
            { label: t("timesheets.month.state") },
            { label: t("expenses.receipts") },
            ...(hasActions ? [{ label: t("timesheets.month.actions"), action: true }] : []),
          ]}
        >
          {x.items.map((e) => (
            <tr key={e.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {f.date(e.day)}
              </th>
              <td className="kern-table__cell">
                {t(`expenses.kinds.${e.kind}`)}
                {e.note ? ` (${e.note})` : ""}
                {e.reason ? ` – ${t("timesheets.month.correctionOf", { reason: e.reason })}` : ""}
                {e.comment ? ` – ${t("timesheets.month.returnedWith", { comment: e.comment })}` : ""}
              </td>
              <td className="kern-table__cell kern-table__cell--numeric">{euros(e.amountCents, i18n.language)}</td>
              <td className="kern-table__cell">{t(`timesheets.states.${e.state}`)}</td>
              <td className="kern-table__cell">
                {e.receipts.length
                  ? e.receipts.map((r) => (
                      <a
                        key={r.id}
                        className="kern-link receipt-link"
                        href={`/api/v1/secondments/${id}/expenses/${e.id}/receipts/${r.id}`}
                        download={r.fileName}
                      >
                        {r.fileName}
                      </a>
                    ))
                  : t("expenses.none")}
              </td>
              {hasActions ? (
                <td className="kern-table__cell kern-table__cell--action">
                  {e.abilities.confirm ? (
                    <Button
                      type="button"
                      kind="tertiary"
                      onClick={() => void decide.run(e, "confirm")}
                      label={t("expenses.confirmLabel", { kind: t(`expenses.kinds.${e.kind}`), day: f.dateLong(e.day) })}
                    >
                      {t("expenses.confirm")}
                    </Button>
                  ) : null}
                  {e.abilities.return ? (
                    <Button
                      type="button"
                      kind="tertiary"
                      onClick={() => setReturning(e)}
                      label={t("expenses.returnLabel", { kind: t(`expenses.kinds.${e.kind}`), day: f.dateLong(e.day) })}
                    >
                      {t("timesheets.return")}
                    </Button>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </DataTable>
      )}
      {returning ? (
        <ConfirmDialog
          open
          title={t("expenses.returnTitle", { day: f.dateLong(returning.day) })}
          body={t("expenses.returnBody", { name })}
          confirmLabel={t("timesheets.return")}
          cancelLabel={t("timesheets.keep")}
          busy={decide.busy}
          onConfirm={() => void decide.run(returning, "return")}
          onCancel={() => {
            setReturning(null);
            decide.reset();
          }}
        >
          <ErrorSummary problem={decide.problem} labels={{ comment: t("timesheets.comment") }} />
          <TextField
            name="comment"
            label={t("timesheets.comment")}
            value={comment}
            onChange={setComment}
            error={decide.errors.comment}
            multiline
          />
        </ConfirmDialog>
      ) : null}
      {x.abilities.record ? (
        <section aria-labelledby="expense-form-heading" className="form-narrow">
          <h3 className="kern-heading-small" id="expense-form-heading">
            {t("expenses.formHeading")}
          </h3>
          <ErrorSummary problem={record.problem} labels={labels} />
          <Form name="expense-record" labelledBy="expense-form-heading" mutation={record} onSubmit={() => void submit()}>
            <TextField name="day" label={t("expenses.day")} type="date" value={day} onChange={setDay} error={record.errors.day} />
            <SelectField
              name="kind"
              label={t("expenses.kind")}
              value={kind}
              options={KINDS.map((k) => ({ value: k, label: t(`expenses.kinds.${k}`) }))}
              onChange={(v) => setKind(v as (typeof KINDS)[number])}
              error={record.errors.kind}
            />
            <TextField
              name="amountCents"
              label={t("expenses.amount")}
              hint={t("expenses.amountHint")}
              value={amount}
              onChange={setAmount}
              error={record.errors.amountCents}
            />
            <TextField name="note" label={t("expenses.note")} value={note} onChange={setNote} error={record.errors.note} />
            <div className={`kern-form-input${record.errors.receipt ? " kern-form-input--error" : ""}`}>
              <label className="kern-label" htmlFor="field-receipt">
                {t("expenses.receipt")}
              </label>
              <div className="kern-hint" id="field-receipt-hint">
                {t("expenses.receiptHint")}
              </div>
              {record.errors.receipt ? <FieldError id="field-receipt-error">{record.errors.receipt}</FieldError> : null}
              <input
                className="kern-form-input__input"
                type="file"
                id="field-receipt"
                name="receipt"
                accept="application/pdf,image/jpeg,image/png"
                aria-invalid={record.errors.receipt ? true : undefined}
                aria-describedby={`field-receipt-hint${record.errors.receipt ? " field-receipt-error" : ""}`}
                onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              />
            </div>
            <p>
              <Button>{t("expenses.save")}</Button>
            </p>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
