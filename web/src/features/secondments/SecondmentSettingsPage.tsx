import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useApi, useMutation } from "../../api/hooks";
import { DataTable } from "../../components/DataTable";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { QueryState } from "../../components/QueryState";
import { formatters } from "../../i18n";
import { useSession } from "../identity/session";
import type { Deputies, NewDeputy, SecondmentSettings as Settings, SecondmentSettingsChange } from "./api";

/** The HR office sets the staff council rule and the caps; HR and department heads name deputies. */
export function SecondmentSettingsPage() {
  const { t } = useTranslation();
  const { me } = useSession();
  return (
    <Page title={t("secondments.settings.title")} intro={t("secondments.settings.intro")}>
      {me?.abilities.configureSecondments ? <SettingsForm /> : null}
      {me?.abilities.deputize ? <DeputiesSection /> : null}
    </Page>
  );
}

function SettingsForm() {
  const { t } = useTranslation();
  const [caps, setCaps] = useState<Record<string, string>>({});
  const [maxTotal, setMaxTotal] = useState("");
  const [deadline, setDeadline] = useState("10");
  const [scope, setScope] = useState<Settings["councilScope"]>("all");
  const [notice, setNotice] = useState<string | null>(null);
  /** Puts the stored rules into the form. */
  const fill = (s: Settings) => {
    setScope(s.councilScope);
    setDeadline(String(s.councilDeadlineWorkingDays));
    setMaxTotal(s.maxLentTotal === null ? "" : String(s.maxLentTotal));
    setCaps(Object.fromEntries(s.departmentCaps.map((d) => [d.departmentId, d.maxLent === null ? "" : String(d.maxLent)])));
  };
  const query = useApi<Settings>(async () => {
    const res = await api.GET("/api/v1/secondment-settings");
    if (res.data) fill(res.data);
    return res;
  }, []);
  const save = useMutation((body: SecondmentSettingsChange) => api.PUT("/api/v1/secondment-settings", { body }), {
    onSuccess(saved) {
      query.setData(saved);
      fill(saved);
      setNotice(t("secondments.settings.saved"));
    },
  });
  const errors = save.errors;
  const submit = () => {
    void save.run({
      councilScope: scope,
      councilDeadlineWorkingDays: Number(deadline),
      maxLentTotal: maxTotal.trim() === "" ? null : Number(maxTotal),
      departmentCaps: Object.entries(caps).map(([departmentId, v]) => ({ departmentId, maxLent: v.trim() === "" ? null : Number(v) })),
    });
  };
  const settings = query.data;
  if (!settings) return <QueryState query={query} inline />;
  const labels: Record<string, string> = {
    councilScope: t("secondments.settings.councilScope"),
    councilDeadlineWorkingDays: t("secondments.settings.deadline"),
    maxLentTotal: t("secondments.settings.maxTotal"),
  };
  settings.departmentCaps.forEach((d, i) => (labels[`departmentCaps.${i}.maxLent`] = d.name));
  return (
    <>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary problem={save.problem} labels={labels} />
      <Form name="secondment-settings" mutation={save} onSubmit={submit}>
        <SelectField
          name="councilScope"
          label={labels.councilScope}
          value={scope}
          error={errors.councilScope}
          onChange={(v) => setScope(v === "longer_than_3_months" ? "longer_than_3_months" : "all")}
          options={[
            { value: "all", label: t("secondments.settings.scopeAll") },
            { value: "longer_than_3_months", label: t("secondments.settings.scopeLong") },
          ]}
        />
        <TextField
          name="councilDeadlineWorkingDays"
          label={labels.councilDeadlineWorkingDays}
          type="number"
          value={deadline}
          onChange={setDeadline}
          error={errors.councilDeadlineWorkingDays}
        />
        <TextField
          name="maxLentTotal"
          label={labels.maxLentTotal}
          type="number"
          value={maxTotal}
          onChange={setMaxTotal}
          error={errors.maxLentTotal}
        />
        <fieldset className="kern-fieldset">
          <legend className="kern-label">{t("secondments.settings.capsLegend")}</legend>
          <div className="window-row">
            {settings.departmentCaps.map((d, i) => (
              <TextField
                key={d.departmentId}
                name={`departmentCaps.${i}.maxLent`}
                label={d.name}
                type="number"
                value={caps[d.departmentId] ?? ""}
                onChange={(v) => setCaps({ ...caps, [d.departmentId]: v })}
                error={errors[`departmentCaps.${i}.maxLent`]}
              />
            ))}
          </div>
        </fieldset>
        <div>
          <Button>{t("secondments.settings.save")}</Button>
        </div>
      </Form>
    </>
  );
}

function DeputiesSection() {
  const { t, i18n } = useTranslation();
  const f = formatters(i18n.language);
  const [deputy, setDeputy] = useState("");
  const [startsOn, setStartsOn] = useState("");
  const [endsOn, setEndsOn] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const query = useApi<Deputies>(async () => {
    const res = await api.GET("/api/v1/deputies");
    if (res.data) setDeputy((d) => d || res.data.candidates[0]?.id || "");
    return res;
  }, []);
  const add = useMutation((body: NewDeputy) => api.POST("/api/v1/deputies", { body }), {
    async onSuccess() {
      setNotice(t("secondments.deputies.added"));
      await query.reload();
    },
  });
  const remove = useMutation((id: string) => api.DELETE("/api/v1/deputies/{id}", { params: { path: { id } } }), {
    onSuccess: () => query.reload(),
  });
  const errors = add.errors;
  const submit = () => {
    void add.run({ deputyAccountId: deputy, startsOn, endsOn });
  };
  const data = query.data;
  if (!data) return null;
  const labels = {
    deputyAccountId: t("secondments.deputies.deputy"),
    startsOn: t("secondments.deputies.startsOn"),
    endsOn: t("secondments.deputies.endsOn"),
  };
  return (
    <section aria-labelledby="deputies-heading">
      <h2 className="kern-heading-medium" id="deputies-heading">
        {t("secondments.deputies.title")}
      </h2>
      <p className="kern-body">{t("secondments.deputies.intro")}</p>
      {notice ? <Notice>{notice}</Notice> : null}
      {data.items.length ? (
        <DataTable
          id="deputies-caption"
          caption={t("secondments.deputies.caption")}
          columns={[
            { label: t("secondments.deputies.principal") },
            { label: t("secondments.deputies.deputy") },
            { label: t("secondments.deputies.period") },
            { label: t("accounts.actions"), action: true },
          ]}
        >
          {data.items.map((d) => (
            <tr key={d.id} className="kern-table__row">
              <th scope="row" className="kern-table__cell">
                {d.principal.name}
              </th>
              <td className="kern-table__cell">{d.deputy.name}</td>
              <td className="kern-table__cell">
                {f.date(d.startsOn)}–{f.date(d.endsOn)}
              </td>
              <td className="kern-table__cell kern-table__cell--action">
                <Button
                  type="button"
                  kind="tertiary"
                  onClick={() => void remove.run(d.id)}
                  label={`${t("secondments.deputies.remove")}: ${d.deputy.name}`}
                >
                  {t("secondments.deputies.remove")}
                </Button>
              </td>
            </tr>
          ))}
        </DataTable>
      ) : (
        <p className="kern-body">{t("secondments.deputies.none")}</p>
      )}
      <ErrorSummary problem={add.problem ?? remove.problem} labels={labels} />
      <Form name="deputy" mutation={add} onSubmit={submit}>
        <SelectField
          name="deputyAccountId"
          label={labels.deputyAccountId}
          value={deputy}
          onChange={setDeputy}
          error={errors.deputyAccountId}
          options={data.candidates.map((c) => ({ value: c.id, label: c.name }))}
        />
        <div className="window-row">
          <TextField name="startsOn" label={labels.startsOn} type="date" value={startsOn} onChange={setStartsOn} error={errors.startsOn} />
          <TextField name="endsOn" label={labels.endsOn} type="date" value={endsOn} onChange={setEndsOn} error={errors.endsOn} />
        </div>
        <div>
          <Button>{t("secondments.deputies.add")}</Button>
        </div>
      </Form>
    </section>
  );
}
