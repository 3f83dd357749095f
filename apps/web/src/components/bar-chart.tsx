import { AxisBottom, AxisLeft } from '@visx/axis';
import { GridColumns } from '@visx/grid';
import { Group } from '@visx/group';
import { scaleBand, scaleLinear } from '@visx/scale';
import { Bar } from '@visx/shape';
import { useId, useLayoutEffect, useRef, useState } from 'react';

const FONT_SIZE = 14;
const LINE_HEIGHT = FONT_SIZE + 3;
const INK = '#1a1a1a';
const BAR = '#123b6d';

/** The element's width in CSS pixels, followed as it changes: the chart is drawn at that width so its text stays 14 px at any screen size. */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width] as const;
}

/**
 * A horizontal bar chart (visx over SVG): labels on the left axis, a counted axis below with whole-number ticks,
 * the count written at each bar's end. The same numbers are in a table that screen readers always read and
 * anyone can show; the drawing itself is hidden from assistive technology so nothing is read twice.
 */
export function BarChart({ title, data }: { title: string; data: [string, number][] }) {
  const [box, width] = useWidth();
  const [tableShown, setTableShown] = useState(false);
  const tableId = useId();
  const max = Math.max(1, ...data.map(([, value]) => value));
  const longestLabel = Math.max(2, ...data.map(([label]) => label.length));
  const margin = { top: 6, right: 8 + String(max).length * 9, bottom: 52, left: Math.min(longestLabel * FONT_SIZE + 12, Math.floor(width * 0.45)) };
  // Chinese labels have no spaces to break at: a long category name is cut into lines of as many characters as fit.
  const charactersPerLine = Math.max(4, Math.floor((margin.left - 12) / FONT_SIZE));
  const lines = (label: string) => label.match(new RegExp(`.{1,${charactersPerLine}}`, 'gu')) ?? [label];
  const rowHeight = Math.max(34, Math.ceil(longestLabel / charactersPerLine) * LINE_HEIGHT + 14);
  const innerWidth = Math.max(0, width - margin.left - margin.right);
  const innerHeight = data.length * rowHeight;
  const y = scaleBand<string>({ domain: data.map(([label]) => label), range: [0, innerHeight], padding: 0.3 });
  const x = scaleLinear<number>({ domain: [0, max], range: [0, innerWidth], nice: true });
  const ticks = x.ticks(Math.min(max, 5)).filter(Number.isInteger);

  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div ref={box} className="chart-drawing">
        {data.length === 0 ? (
          <p>尚無案件</p>
        ) : (
          width > 0 && (
            <svg width={width} height={innerHeight + margin.top + margin.bottom} aria-hidden="true" focusable="false">
              <Group left={margin.left} top={margin.top}>
                <GridColumns scale={x} height={innerHeight} tickValues={ticks} stroke="#d0d4da" />
                {data.map(([label, value]) => (
                  <g key={label}>
                    <Bar x={0} y={y(label)} width={x(value)} height={y.bandwidth()} fill={BAR} />
                    <text x={x(value) + 6} y={(y(label) ?? 0) + y.bandwidth() / 2} dominantBaseline="central" fontSize={FONT_SIZE} fill={INK}>
                      {value}
                    </text>
                  </g>
                ))}
                <AxisLeft
                  scale={y}
                  stroke={INK}
                  tickStroke={INK}
                  hideTicks
                  tickComponent={({ x: tickX, y: tickY, formattedValue = '' }) => {
                    const parts = lines(formattedValue);
                    return (
                      <text x={tickX - 4} y={tickY} fontSize={FONT_SIZE} fill={INK} textAnchor="end" dominantBaseline="central">
                        {parts.map((part, i) => (
                          <tspan key={i} x={tickX - 4} dy={i === 0 ? (-(parts.length - 1) * LINE_HEIGHT) / 2 : LINE_HEIGHT}>
                            {part}
                          </tspan>
                        ))}
                      </text>
                    );
                  }}
                />
                <AxisBottom
                  top={innerHeight}
                  scale={x}
                  tickValues={ticks}
                  tickFormat={(value) => String(value)}
                  stroke={INK}
                  tickStroke={INK}
                  tickLabelProps={{ fontSize: FONT_SIZE - 1, fontFamily: 'inherit', fill: INK, textAnchor: 'middle' }}
                  label="件數"
                  labelProps={{ fontSize: FONT_SIZE - 1, fontFamily: 'inherit', fill: INK, textAnchor: 'middle' }}
                  labelOffset={14}
                />
              </Group>
            </svg>
          )
        )}
      </div>
      <button type="button" className="link-button" aria-controls={tableId} aria-expanded={tableShown} onClick={() => setTableShown(!tableShown)}>
        {tableShown ? '隱藏數字表' : '以表格檢視'}
      </button>
      <div id={tableId} className={tableShown ? 'chart-table' : 'chart-table visually-hidden'}>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col" className="number">
              件數
            </th>
          </tr>
        </thead>
        <tbody>
          {data.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className="number">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </figure>
  );
}
