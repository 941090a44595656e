/** A small SVG sparkline (a Lit template), drawn by the kit: no chart library. */
import { svg, type SVGTemplateResult } from 'lit';

export const SPARK_WIDTH = 120;
export const SPARK_HEIGHT = 28;

/** The polyline points of `values` (nulls break nothing: they are skipped), scaled to the box. */
export function sparkPoints(values: readonly (number | null)[], width = SPARK_WIDTH, height = SPARK_HEIGHT, slots = 60): string {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return '';
  const max = Math.max(...finite, 1e-9);
  const step = width / Math.max(1, slots - 1);
  const offset = Math.max(0, slots - values.length);
  const out: string[] = [];
  values.forEach((v, i) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    const x = (offset + i) * step;
    const y = height - 1 - (Math.max(0, v) / max) * (height - 2);
    out.push(`${x.toFixed(1)},${y.toFixed(1)}`);
  });
  return out.join(' ');
}

export function sparkline(values: readonly (number | null)[]): SVGTemplateResult {
  return svg`<svg part="sparkline" width=${SPARK_WIDTH} height=${SPARK_HEIGHT} viewBox="0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}" aria-hidden="true">
    <polyline points=${sparkPoints(values)} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round"></polyline>
  </svg>`;
}
