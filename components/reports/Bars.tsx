/**
 * Plain SVG bar charts (no charting library: a few hundred bytes instead of tens of KB). Each
 * chart is an `img` with a text title, and every bar carries its value in words; the numbers
 * also sit in the table beside it, so a screen reader loses nothing.
 */
export interface Bar {
  label: string;
  value: number;
  /** A target line drawn across the bar. */
  target?: number;
  /** Where the bar leads (the records behind it in the CRM), when it has one. */
  href?: string;
}

const ROW = 22;
const LABEL_W = 140;
const WIDTH = 420;

export function Bars({ title, bars, unit }: { title: string; bars: Bar[]; unit: string }) {
  const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.target ?? 0)));
  const scale = (v: number) => ((WIDTH - LABEL_W - 60) * v) / max;
  const height = bars.length * ROW + 4;
  return (
    <svg
      className="bars"
      role="img"
      aria-label={title}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
      style={{ maxWidth: WIDTH }}
    >
      <title>{title}</title>
      {bars.map((bar, i) => {
        const y = i * ROW + 2;
        const words = `${bar.label}: ${bar.value} ${unit}${bar.target !== undefined ? `, target ${bar.target}` : ''}`;
        const over = bar.target !== undefined && bar.value > bar.target;
        const body = (
          <g>
            <title>{words}</title>
            <text x={LABEL_W - 6} y={y + 14} textAnchor="end" fontSize="11">
              {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
            </text>
            <rect
              x={LABEL_W}
              y={y + 3}
              width={Math.max(1, scale(bar.value))}
              height={ROW - 8}
              className={over ? 'bar over' : 'bar'}
            />
            {bar.target !== undefined && (
              <line
                x1={LABEL_W + scale(bar.target)}
                x2={LABEL_W + scale(bar.target)}
                y1={y}
                y2={y + ROW - 2}
                className="target"
              />
            )}
            <text x={LABEL_W + scale(Math.max(bar.value, bar.target ?? 0)) + 4} y={y + 14} fontSize="11">
              {bar.value}
            </text>
          </g>
        );
        return bar.href ? (
          <a key={i} href={bar.href} target="_blank" rel="noreferrer" aria-label={words}>
            {body}
          </a>
        ) : (
          <g key={i}>{body}</g>
        );
      })}
    </svg>
  );
}
