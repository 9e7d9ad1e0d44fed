import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { DescriptionList } from "../../components/DescriptionList";
import { Button, ErrorSummary, Form, Notice, TextField } from "../../components/forms";
import { formatters } from "../../i18n";
import type { FirstDay, Secondment } from "./api";

/**
 * Where the person goes, as a KERN card: the receiving administration and department, the address,
 * whom to ask, and the first day (date, time, meeting point, notes). The receiving HR office fills
 * in the first day here (`abilities.editFirstDay`).
 */
export function Destination({ s, isMine, onChange }: { s: Secondment; isMine: boolean; onChange(changed: Secondment): void }) {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const d = s.destination;
  const [form, setForm] = useState({ time: d.firstDay.time ?? "", place: d.firstDay.place ?? "", note: d.firstDay.note ?? "" });
  const [saved, setSaved] = useState(false);
  const save = useMutation((body: FirstDay) => api.PUT("/api/v1/secondments/{id}/first-day", { params: { path: { id: s.id } }, body }), {
    onSuccess(changed) {
      setSaved(true);
      onChange(changed);
    },
  });
  const firstDay = d.firstDay.time
    ? t("secondments.destination.firstDayAt", { date: f.dateLong(d.firstDay.date), time: d.firstDay.time })
    : f.dateLong(d.firstDay.date);
  // The rows without a value (no department, no contact, no meeting point yet) are left out.
  const items = (
    [
      [t("secondments.destination.administration"), d.administration],
      [t("secondments.destination.department"), d.department],
      [t("secondments.destination.address"), d.address],
      [
        t("secondments.destination.contact"),
        d.contact ? (
          <>
            {d.contact.name}
            <br />
            <a className="kern-link" href={`mailto:${d.contact.email}`}>
              {d.contact.email}
            </a>
            {d.contact.phone ? (
              <>
                <br />
                <a className="kern-link" href={`tel:${d.contact.phone.replace(/[^\d+]/g, "")}`}>
                  {d.contact.phone}
                </a>
              </>
            ) : null}
          </>
        ) : null,
      ],
      [t("secondments.destination.firstDay"), firstDay],
      [t("secondments.destination.reportTo"), d.firstDay.place],
      [t("secondments.destination.note"), d.firstDay.note],
    ] satisfies Array<[string, React.ReactNode]>
  ).filter(([, value]) => value);
  return (
    <section aria-labelledby="destination-heading" className="kern-card destination">
      <div className="kern-card__container">
        <div className="kern-card__header">
          <h2 className="kern-heading-medium" id="destination-heading">
            {isMine ? t("secondments.destination.titleMine") : t("secondments.destination.title")}
          </h2>
        </div>
        <div className="kern-card__body">
          <DescriptionList items={items} />
          {!d.firstDay.time && !d.firstDay.place && isMine ? (
            <p className="kern-body">{t("secondments.destination.firstDayLater", { borrower: s.borrower.name })}</p>
          ) : null}
          {s.abilities.editFirstDay ? (
            <>
              <h3 className="kern-heading-small" id="first-day-heading">
                {t("secondments.destination.edit")}
              </h3>
              <p className="kern-body">{t("secondments.destination.editIntro")}</p>
              {saved ? <Notice focus>{t("secondments.destination.saved")}</Notice> : null}
              <ErrorSummary
                problem={save.problem}
                labels={{
                  time: t("secondments.destination.time"),
                  place: t("secondments.destination.place"),
                  note: t("secondments.destination.noteField"),
                }}
              />
              <Form
                name="first-day"
                className="form-narrow"
                labelledBy="first-day-heading"
                mutation={save}
                onSubmit={() => {
                  setSaved(false);
                  void save.run({ time: form.time.trim() || null, place: form.place.trim() || null, note: form.note.trim() || null });
                }}
              >
                <TextField
                  name="time"
                  label={t("secondments.destination.time")}
                  hint={t("secondments.destination.timeHint")}
                  value={form.time}
                  error={save.errors.time}
                  onChange={(time) => setForm({ ...form, time })}
                />
                <TextField
                  name="place"
                  label={t("secondments.destination.place")}
                  hint={t("secondments.destination.placeHint")}
                  value={form.place}
                  error={save.errors.place}
                  onChange={(place) => setForm({ ...form, place })}
                />
                <TextField
                  name="note"
                  label={t("secondments.destination.noteField")}
                  value={form.note}
                  error={save.errors.note}
                  onChange={(note) => setForm({ ...form, note })}
                  multiline
                />
                <p>
                  <Button type="submit" kind="secondary">
                    {t("secondments.destination.save")}
                  </Button>
                </p>
              </Form>
            </>
          ) : null}
        </div>
      </div>
    </section>
  );
}
