import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

/** A column header of a {@link DataTable}. */
export interface Column {
  label: string;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** A column of actions (links, buttons). */
  action?: boolean;
}

type CellProps = { "data-label"?: string; role?: string; children?: ReactNode };

/**
 * Rows whose cells carry their column's label (`data-label`), for the stacked layout; the table's
 * roles are said explicitly, as a table whose parts are displayed as blocks loses them in some
 * browsers.
 */
function labelled(children: ReactNode, columns: Column[]): ReactNode {
  return Children.map(children, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row)) return row;
    let i = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<CellProps>(cell)) return cell;
      const column = columns[i++];
      const isHeader = cell.type === "th";
      return cloneElement(cell as ReactElement<CellProps>, { "data-label": column?.label, role: isHeader ? "rowheader" : "cell" });
    });
    return cloneElement(row as ReactElement<{ role?: string; children?: ReactNode }>, { role: "row" }, cells);
  });
}

/**
 * A KERN table with caption and column headers, in a keyboard-scrollable region so that wide
 * tables reflow on small screens (WCAG 1.4.10). Rows are passed as children (`<tr>`, each cell a
 * direct child). `stacked`: on a narrow screen (below 40rem) each row becomes a block of
 * "label: value" lines instead of a table wider than the screen.
 *
 * One heading per list: where a heading above already names the table, pass its id as
 * `labelledBy` instead of a caption (no caption styled as a second heading).
 */
export function DataTable({
  id,
  caption,
  columns,
  children,
  compact,
  stacked,
  labelledBy,
}: {
  id: string;
  /** The table's caption; leave it out when `labelledBy` names a heading above the table. */
  caption?: string;
  /** Id of the heading that names the table (instead of a caption). */
  labelledBy?: string;
  columns: Column[];
  children: ReactNode;
  compact?: boolean;
  stacked?: boolean;
}) {
  const headerClass = (c: Column) =>
    `kern-table__header${c.numeric ? " kern-table__header--numeric" : ""}${c.action ? " kern-table__header--action" : ""}`;
  const role = (r: string) => (stacked ? r : undefined);
  return (
    <div
      className={`kern-table-responsive${stacked ? " data-table--stacked" : ""}`}
      tabIndex={0}
      role="region"
      aria-labelledby={labelledBy ?? id}
    >
      <table
        id={labelledBy ? id : undefined}
        aria-labelledby={labelledBy}
        className={`kern-table kern-table--striped${compact ? " compact-table" : ""}`}
        role={role("table")}
      >
        {labelledBy ? null : (
          <caption className="kern-title" id={id}>
            {caption}
          </caption>
        )}
        <thead className="kern-table__header" role={role("rowgroup")}>
          <tr className="kern-table__row" role={role("row")}>
            {columns.map((c) => (
              <th key={c.label} scope="col" className={headerClass(c)} role={role("columnheader")}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="kern-table__body" role={role("rowgroup")}>
          {stacked ? labelled(children, columns) : children}
        </tbody>
      </table>
    </div>
  );
}
