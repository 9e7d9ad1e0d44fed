import type { ReactNode } from "react";

/** A column header of a {@link DataTable}. */
export interface Column {
  label: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** A column of actions (links, buttons). */
  action?: boolean;
}

/**
 * A KERN table with caption and column headers, in a keyboard-scrollable region so that wide
 * tables reflow on small screens (WCAG 1.4.10). Rows are passed as children (`<tr>`).
 *
 * `stacked`: on a narrow screen (≤ 40rem) each row becomes a block and each cell shows its column's
 * name above its value — give every cell `data-label` with the column's label. Wide tables of
 * sentences (the audit log) read better stacked than scrolled sideways.
 */
export function DataTable({
  id,
  caption,
  columns,
  children,
  compact,
  stacked,
}: {
  id: string;
  caption: string;
  columns: Column[];
  children: ReactNode;
  compact?: boolean;
  /** Rows as blocks with labelled cells on narrow screens (cells need `data-label`). */
  stacked?: boolean;
}) {
  const headerClass = (c: Column) =>
    `kern-table__header${c.numeric ? " kern-table__header--numeric" : ""}${c.action ? " kern-table__header--action" : ""}`;
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={id}>
      <table className={`kern-table kern-table--striped${compact ? " compact-table" : ""}${stacked ? " stacked-table" : ""}`}>
        <caption className="kern-title" id={id}>
          {caption}
        </caption>
        <thead className="kern-table__header">
          <tr className="kern-table__row">
            {columns.map((c) => (
              <th key={c.label} scope="col" className={headerClass(c)}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body">{children}</tbody>
      </table>
    </div>
  );
}
