/** One bar of a {@link BarChart}. */
export interface Bar {
  id: string;
  label: string;
  /** Length of the bar relative to `max`. */
  value: number;
  /** The figure printed after the bar. */
  display: string;
}

/** Horizontal bars with their figures; the table next to it holds the same numbers (WCAG 1.1.1). */
export function BarChart({ bars, max, title, id }: { bars: Bar[]; max: number; title: string; id: string }) {
  const barHeight = 30;
  const labelWidth = 300;
  const width = 760;
  const trackWidth = width - labelWidth - 80;
  const height = bars.length * (barHeight + 12) + 12;
  return (
    <figure className="bar-chart">
      <figcaption className="kern-body" aria-hidden="true">
        {title}
      </figcaption>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={id}>
        <title id={id}>{title}</title>
        {bars.map((b, i) => {
          const y = 12 + i * (barHeight + 12);
          return (
            <g key={b.id}>
              <text x={0} y={y + barHeight * 0.68} className="bar-chart__label">
                {b.label.length > 30 ? `${b.label.slice(0, 29)}…` : b.label}
              </text>
              <rect x={labelWidth} y={y} width={trackWidth} height={barHeight} className="bar-chart__track" />
              <rect x={labelWidth} y={y} width={max > 0 ? (trackWidth * b.value) / max : 0} height={barHeight} className="bar-chart__bar" />
              <text x={width - 70} y={y + barHeight * 0.68} className="bar-chart__value">
                {b.display}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
