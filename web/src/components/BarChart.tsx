/** One bar of a {@link BarChart}. */
export interface Bar {
  id: string;
  label: string;
  /** Length of the bar relative to `max`. */
  value: number;
  /** The figure printed after the bar. */
  display: string;
}

/**
 * Horizontal bars from zero with their figures; the table next to it holds the same numbers
 * (WCAG 1.1.1), so the chart is one image for screen readers. Labels and figures are text at the
 * page's size and wrap instead of being cut off; on a narrow screen the label stands above its bar.
 * `scale` says what the full width means ("0 bis 100 %").
 */
export function BarChart({ bars, max, title, id, scale }: { bars: Bar[]; max: number; title: string; id: string; scale?: string }) {
  return (
    <figure className="bar-chart">
      <figcaption className="kern-body bar-chart__title" id={id}>
        {title}
        {scale ? <span className="bar-chart__scale">{scale}</span> : null}
      </figcaption>
      <div className="bar-chart__bars" role="img" aria-labelledby={id}>
        {bars.map((b) => {
          const share = max > 0 ? Math.max(0, Math.min(1, b.value / max)) : 0;
          return (
            <div key={b.id} className="bar-chart__row">
              <span className="bar-chart__label">{b.label}</span>
              <svg className="bar-chart__track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect x={0} y={0} width={100} height={10} className="bar-chart__background" />
                <rect x={0} y={0} width={100 * share} height={10} className="bar-chart__bar" />
              </svg>
              <span className="bar-chart__value">{b.display}</span>
            </div>
          );
        })}
      </div>
    </figure>
  );
}
