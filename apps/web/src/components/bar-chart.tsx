/** A horizontal bar chart in plain SVG: one bar per label, the count written beside it. */
export function BarChart({ title, data }: { title: string; data: [string, number][] }) {
  const max = Math.max(1, ...data.map(([, value]) => value));
  const row = 26;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg role="img" aria-label={`${title}：${data.map(([label, value]) => `${label}${value}`).join('，')}`} viewBox={`0 0 400 ${Math.max(row, data.length * row)}`} width="100%">
        {data.map(([label, value], i) => (
          <g key={label} transform={`translate(0, ${i * row})`}>
            <text x="0" y="17" fontSize="13" fill="#1a1a1a" textLength={label.length > 14 ? 194 : undefined} lengthAdjust="spacingAndGlyphs">
              {label}
            </text>
            <rect x="200" y="5" height="16" width={(value / max) * 160} fill="#123b6d" />
            <text x={206 + (value / max) * 160} y="17" fontSize="13" fill="#1a1a1a">
              {value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}
