import type { ReactNode } from "react";

/**
 * Facts as KERN's description list: a term and its value per row.
 *
 * @example
 * <DescriptionList items={[[t("organizations.ags"), org.ags], [t("organizations.population"), f.number(org.population)]]} />
 */
export function DescriptionList({ items }: { items: Array<[term: string, value: ReactNode]> }) {
  return (
    <dl className="kern-description-list">
      {items.map(([term, value]) => (
        <div key={term} className="kern-description-list-item">
          <dt className="kern-description-list-item__key">{term}</dt>
          <dd className="kern-description-list-item__value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
