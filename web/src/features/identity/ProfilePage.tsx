import { useEffect, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { api, asProblem, type Problem } from "../../api/client";
import { Button, ErrorSummary, fieldErrors, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { setLanguage } from "../../i18n";
import { OwnIdentitySection } from "./OwnIdentitySection";
import { useSession } from "./session";

/** Own profile: what Verbund knows about me, my display name and language, my password. */
export function ProfilePage() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const me = session.me!;
  const [displayName, setDisplayName] = useState(me.displayName);
  const [locale, setLocale] = useState<"de" | "en">(me.locale);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [saved, setSaved] = useState(false);
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [pwProblem, setPwProblem] = useState<Problem | null>(null);
  const [pwChanged, setPwChanged] = useState(false);
  useEffect(() => setLocale(me.locale), [me.locale]);
  const errors = fieldErrors(problem, i18n.language);
  const pwErrors = fieldErrors(pwProblem, i18n.language);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const res = await api.PATCH("/api/v1/me", { body: { displayName, locale } });
    if (!res.data) return setProblem(asProblem(res.error, res.response.status));
    setProblem(null);
    setSaved(true);
    setLanguage(res.data.locale);
    await session.reload();
  };
  const changePassword = async (event: FormEvent) => {
    event.preventDefault();
    setPwChanged(false);
    const res = await api.POST("/api/v1/me/password", { body: { currentPassword, newPassword } });
    if (res.response.status !== 204) return setPwProblem(asProblem(res.error, res.response.status));
    setPwProblem(null);
    setPwChanged(true);
    setCurrentPassword("");
    setNewPassword("");
  };

  return (
    <Page title={t("profile.title")}>
      <dl className="kern-description-list">
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("accounts.login")}</dt>
          <dd className="kern-description-list-item__value">{me.login}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("profile.organization")}</dt>
          <dd className="kern-description-list-item__value">{me.organization.name}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("accounts.department")}</dt>
          <dd className="kern-description-list-item__value">{me.department?.name ?? "–"}</dd>
        </div>
        <div className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{t("accounts.roles")}</dt>
          <dd className="kern-description-list-item__value">{me.roles.map((r) => t(`roles.${r}`)).join(", ")}</dd>
        </div>
      </dl>

      <h2 className="kern-heading-medium" id="data-heading">
        {t("profile.data")}
      </h2>
      {saved ? <Notice>{t("profile.saved")}</Notice> : null}
      <ErrorSummary problem={problem} labels={{ displayName: t("profile.displayName"), locale: t("profile.language") }} />
      <form className="kern-stack form-narrow" aria-labelledby="data-heading" onSubmit={(e) => void save(e)} noValidate>
        <TextField
          name="displayName"
          label={t("profile.displayName")}
          value={displayName}
          onChange={setDisplayName}
          error={errors.displayName}
          autoComplete="name"
        />
        <SelectField
          name="locale"
          label={t("profile.language")}
          value={locale}
          onChange={(v) => setLocale(v === "en" ? "en" : "de")}
          options={[
            { value: "de", label: "Deutsch" },
            { value: "en", label: "English" },
          ]}
        />
        <div>
          <Button>{t("profile.save")}</Button>
        </div>
      </form>

      <OwnIdentitySection />

      <h2 className="kern-heading-medium" id="password-heading">
        {t("profile.password")}
      </h2>
      {pwChanged ? <Notice>{t("profile.passwordChanged")}</Notice> : null}
      <ErrorSummary problem={pwProblem} labels={{ currentPassword: t("profile.currentPassword"), newPassword: t("profile.newPassword") }} />
      <form className="kern-stack form-narrow" aria-labelledby="password-heading" onSubmit={(e) => void changePassword(e)} noValidate>
        <TextField
          name="currentPassword"
          label={t("profile.currentPassword")}
          value={currentPassword}
          onChange={setCurrentPassword}
          type="password"
          autoComplete="current-password"
          error={pwErrors.currentPassword}
        />
        <TextField
          name="newPassword"
          label={t("profile.newPassword")}
          value={newPassword}
          onChange={setNewPassword}
          type="password"
          autoComplete="new-password"
          error={pwErrors.newPassword}
        />
        <div>
          <Button>{t("profile.changePassword")}</Button>
        </div>
      </form>
    </Page>
  );
}
