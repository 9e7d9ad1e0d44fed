import { useTranslation } from "react-i18next";
import { Page } from "../components/Page";

/** Any URL that matches no page. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return <Page title={t("errors.notFound")}>{null}</Page>;
}
