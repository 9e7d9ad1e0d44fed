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
 * One heading per list: where a heading above already names the table, pass its id as
 * `labelledBy` instead of a caption (no caption styled as a second heading). `stacked` shows each
 * row as a block of "label: value" lines on narrow screens instead of scrolling sideways; the
 * cells then carry their column's name in `data-label`.
 */
export function DataTable({
  id,
  caption,
  labelledBy,
  columns,
  children,
  compact,
  stacked,
}: {
  id: string;
  caption?: string;
  /** The id of the heading that names the table (instead of a caption). */
  labelledBy?: string;
  columns: Column[];
  children: ReactNode;
  compact?: boolean;
  /** Rows stacked as blocks at 390 px (`.stack-table` in styles.css). */
  stacked?: boolean;
}) {
  const headerClass = (c: Column) =>
    `kern-table__header${c.numeric ? " kern-table__header--numeric" : ""}${c.action ? " kern-table__header--action" : ""}`;
  return (
    <div className="kern-table-responsive" tabIndex={0} role="region" aria-labelledby={labelledBy ?? id}>
      <table
        id={labelledBy ? id : undefined}
        aria-labelledby={labelledBy}
        className={`kern-table kern-table--striped${compact ? " compact-table" : ""}${stacked ? " stack-table" : ""}`}
      >
        {labelledBy ? null : (
          <caption className="kern-title" id={id}>
            {caption}
          </caption>
        )}
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
