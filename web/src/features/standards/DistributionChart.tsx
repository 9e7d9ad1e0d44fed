import { useTranslation } from "react-i18next";
import type { Evaluation } from "./api";
import { valueInUnit } from "./words";

const WIDTH = 640;
const HEIGHT = 150;
const PAD = 28;

/**
 * The distribution of the peer group's values on one axis: the tolerance band and the target, the
 * box from the lower to the upper quartile with the median, and one dot per value — unnamed, as
 * the table beside it names them by administration (a distribution, not a league table). The
 * chart is an image with a text alternative that says the same in words.
 */
export function DistributionChart({ evaluation }: { evaluation: Evaluation }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { standard: s, distribution: d } = evaluation;
  const values = evaluation.administrations.filter((a) => a.inPeerGroup && a.value !== null).map((a) => a.value!);
  const edge = s.direction === "higher_is_better" ? s.target - s.tolerance : s.target + s.tolerance;
  const all = [...values, s.target, edge];
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  if (s.unit === "percent") {
    lo = Math.max(0, lo - 5);
    hi = Math.min(100, hi + 5);
  } else {
    const pad = (hi - lo || 1) * 0.1;
    lo = Math.max(0, lo - pad);
    hi += pad;
  }
  const x = (v: number) => PAD + ((v - lo) / (hi - lo || 1)) * (WIDTH - 2 * PAD);
  const fmt = (v: number) => valueInUnit(t, lang, s.unit, Math.round(v * 10) / 10);
  const description =
    d.n === 0
      ? t("evaluation.chart.empty")
      : t("evaluation.chart.description", {
          n: d.n,
          min: fmt(d.min!),
          q1: fmt(d.q1!),
          median: fmt(d.median!),
          q3: fmt(d.q3!),
          max: fmt(d.max!),
          target: fmt(s.target),
        });
  const band = [x(Math.min(s.target, edge)), x(Math.max(s.target, edge))];
  return (
    <figure className="distribution-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="distribution-title distribution-desc">
        <title id="distribution-title">{t("evaluation.chart.title")}</title>
        <desc id="distribution-desc">{description}</desc>
        <rect x={band[0]} y={10} width={Math.max(1, band[1] - band[0])} height={90} className="distribution-chart__band" />
        <line x1={x(s.target)} x2={x(s.target)} y1={6} y2={104} className="distribution-chart__target" />
        <text x={x(s.target)} y={118} textAnchor="middle" className="distribution-chart__label">
          {t("evaluation.chart.target", { value: fmt(s.target) })}
        </text>
        {d.n > 0 ? (
          <>
            <rect x={x(d.q1!)} y={35} width={Math.max(1, x(d.q3!) - x(d.q1!))} height={40} className="distribution-chart__box" />
            <line x1={x(d.median!)} x2={x(d.median!)} y1={30} y2={80} className="distribution-chart__median" />
          </>
        ) : null}
        {[...values]
          .sort((a, b) => a - b)
          .map((v, i) => (
            <circle key={i} cx={x(v)} cy={55 + ((i % 3) - 1) * 12} r={5} className="distribution-chart__dot" />
          ))}
        <line x1={PAD} x2={WIDTH - PAD} y1={130} y2={130} className="distribution-chart__axis" />
        <text x={PAD} y={146} className="distribution-chart__label">
          {fmt(lo)}
        </text>
        <text x={WIDTH - PAD} y={146} textAnchor="end" className="distribution-chart__label">
          {fmt(hi)}
        </text>
      </svg>
      <figcaption className="kern-body">
        {description} {t("evaluation.chart.legend")}
      </figcaption>
    </figure>
  );
}
