import type { BilingualText } from '#domain/text.ts';
import { useT } from './components.tsx';

/**
 * Small charts drawn on the server as SVG: no script, no library, nothing fetched. Each has a
 * title and a description read by screen readers; the numbers are also printed beside the
 * bars, so nothing depends on colour.
 */

export interface Bar {
  label: BilingualText;
  value: number;
  /** What is printed at the bar's end (defaults to the value). */
  shown?: string;
}

const WIDTH = 640;
const ROW = 26;
const LABEL = 190;

/** Horizontal bars, one per row. */
export function BarChart(props: { id: string; title: BilingualText; bars: Bar[]; color?: string }) {
  const t = useT();
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const height = props.bars.length * ROW + 10;
  const room = WIDTH - LABEL - 70;
  const summary = props.bars.map((b) => `${t(b.label)} ${b.shown ?? b.value}`).join('; ');
  return (
    <figure class="m0">
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
      >
        <title id={`${props.id}-title`}>{t(props.title)}</title>
        <desc id={`${props.id}-desc`}>{summary}</desc>
        {props.bars.map((b, i) => {
          const y = 5 + i * ROW;
          const w = Math.round((b.value / max) * room);
          return (
            <g>
              <text x={LABEL - 8} y={y + 17} text-anchor="end">
                {t(b.label)}
              </text>
              <rect
                x={LABEL}
                y={y + 4}
                width={Math.max(w, 1)}
                height={ROW - 8}
                rx="3"
                fill={props.color ?? '#0f5e63'}
              />
              <text x={LABEL + w + 6} y={y + 17}>
                {b.shown ?? String(b.value)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="small muted">{t(props.title)}</figcaption>
    </figure>
  );
}

/** Vertical columns over time (oldest left), each labelled below. */
export function ColumnChart(props: {
  id: string;
  title: BilingualText;
  columns: { label: string; value: number }[];
}) {
  const t = useT();
  const height = 180;
  const base = height - 28;
  const max = Math.max(1, ...props.columns.map((c) => c.value));
  const step = (WIDTH - 20) / Math.max(props.columns.length, 1);
  const summary = props.columns.map((c) => `${c.label}: ${c.value}`).join('; ');
  return (
    <figure class="m0">
      <svg
        class="chart"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width={WIDTH}
        height={height}
        role="img"
        aria-labelledby={`${props.id}-title ${props.id}-desc`}
      >
        <title id={`${props.id}-title`}>{t(props.title)}</title>
        <desc id={`${props.id}-desc`}>{summary}</desc>
        <line x1="10" y1={base} x2={WIDTH - 10} y2={base} stroke="#8a94a6" />
        {props.columns.map((c, i) => {
          const h = Math.round((c.value / max) * (base - 24));
          const x = 10 + i * step + step * 0.2;
          return (
            <g>
              <rect x={x} y={base - h} width={step * 0.6} height={Math.max(h, 1)} rx="3" fill="#1a4684" />
              <text x={x + step * 0.3} y={base - h - 5} text-anchor="middle">
                {String(c.value)}
              </text>
              <text x={x + step * 0.3} y={base + 18} text-anchor="middle">
                {c.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption class="small muted">{t(props.title)}</figcaption>
    </figure>
  );
}
