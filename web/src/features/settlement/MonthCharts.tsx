import { BarChart } from "../../components/BarChart";

/**
 * Two bar charts of a year's months on one scale — lent and borrowed hours, invoiced and owed
 * money. A hidden figure (fewer than 5 people) is drawn as no bar and reads "–". The scale is named
 * only when some figure is above zero, so all hidden or zero never reads "0 bis 0,01 €".
 */
export function MonthCharts<M extends { month: number }>({
  months,
  monthName,
  charts,
  format,
  scale,
}: {
  months: M[];
  monthName: (month: number) => string;
  charts: Array<{ id: string; title: string; figure: (m: M) => { value: number | null } }>;
  format: (value: number) => string;
  scale: (max: string) => string;
}) {
  const max = Math.max(0, ...months.flatMap((m) => charts.map((c) => c.figure(m).value ?? 0)));
  return (
    <>
      {charts.map((c) => (
        <BarChart
          key={c.id}
          id={c.id}
          title={c.title}
          max={Math.max(1, max)}
          scale={max > 0 ? scale(format(max)) : undefined}
          bars={months.map((m) => {
            const { value } = c.figure(m);
            return {
              id: `${c.id}-${m.month}`,
              label: monthName(m.month),
              value: value ?? 0,
              display: value === null ? "–" : format(value),
            };
          })}
        />
      ))}
    </>
  );
}
