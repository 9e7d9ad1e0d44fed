import { useTranslation } from "react-i18next";

/** The "Vorschlag" badge of a standard of the starter set. */
export function ProposalBadge() {
  const { t } = useTranslation();
  return (
    <span className="kern-badge kern-badge--info">
      <span className="kern-label">{t("standards.proposal")}</span>
    </span>
  );
}
