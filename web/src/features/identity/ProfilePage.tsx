import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../../api/client";
import { useMutation } from "../../api/hooks";
import { DescriptionList } from "../../components/DescriptionList";
import { Button, ErrorSummary, Form, Notice, SelectField, TextField } from "../../components/forms";
import { Page } from "../../components/Page";
import { setLanguage } from "../../i18n";
import type { PasswordChange, ProfileChange } from "./api";
import { OwnIdentitySection } from "./OwnIdentitySection";
import { useSession } from "./session";

/** Own profile: what Verbund knows about me, my display name and language, my password. */
export function ProfilePage() {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.me!;
  const [displayName, setDisplayName] = useState(me.displayName);
  const [locale, setLocale] = useState<"de" | "en">(me.locale);
  const [saved, setSaved] = useState(false);
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  const [pwChanged, setPwChanged] = useState(false);
  useEffect(() => setLocale(me.locale), [me.locale]);

  const update = useMutation((body: ProfileChange) => api.PATCH("/api/v1/me", { body }), {
    async onSuccess(changed) {
      setSaved(true);
      setLanguage(changed.locale);
      await session.reload();
    },
  });
  const password = useMutation((body: PasswordChange) => api.POST("/api/v1/me/password", { body }), {
    onSuccess() {
      setPwChanged(true);
      setCurrentPassword("");
      setNewPassword("");
    },
  });
  const errors = update.errors;
  const pwErrors = password.errors;

  const save = () => {
    setSaved(false);
    void update.run({ displayName, locale });
  };
  const changePassword = () => {
    setPwChanged(false);
    void password.run({ currentPassword, newPassword });
  };

  return (
    <Page title={t("profile.title")}>
      <DescriptionList
        items={[
          [t("accounts.login"), me.login],
          [t("profile.organization"), me.organization.name],
          [t("accounts.department"), me.department?.name ?? "–"],
          [t("accounts.roles"), me.roles.map((r) => t(`roles.${r}`)).join(", ")],
        ]}
      />

      <h2 className="kern-heading-medium" id="data-heading">
        {t("profile.data")}
      </h2>
      {saved ? <Notice>{t("profile.saved")}</Notice> : null}
      <ErrorSummary problem={update.problem} labels={{ displayName: t("profile.displayName"), locale: t("profile.language") }} />
      <Form name="profile" labelledBy="data-heading" mutation={update} onSubmit={save}>
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
          error={errors.locale}
          onChange={(v) => setLocale(v === "en" ? "en" : "de")}
          options={[
            { value: "de", label: "Deutsch" },
            { value: "en", label: "English" },
          ]}
        />
        <div>
          <Button>{t("profile.save")}</Button>
        </div>
      </Form>

      <OwnIdentitySection />

      <h2 className="kern-heading-medium" id="password-heading">
        {t("profile.password")}
      </h2>
      {pwChanged ? <Notice>{t("profile.passwordChanged")}</Notice> : null}
      <ErrorSummary
        problem={password.problem}
        labels={{ currentPassword: t("profile.currentPassword"), newPassword: t("profile.newPassword") }}
      />
      <Form name="password" labelledBy="password-heading" mutation={password} onSubmit={changePassword}>
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
      </Form>
    </Page>
  );
}
