// The source of a chart component: an SVG line chart of one numeric field, oldest first, fetched with
// the SDK's useFunctionData so it refreshes like any other binding. Its CSS is exported as `styles`.
import type { ChartSpec, EntitySpec } from "./app-spec";

const CHART_BODY = `const WIDTH = 600;
const HEIGHT = 240;
const PAD = 32;

export const styles = \`
.chart { font: 14px system-ui, sans-serif; color: #1f2937; }
.chart h3 { margin: 0 0 8px; font-size: 16px; }
.chart svg { width: 100%; height: auto; background: #f9fafb; border-radius: 8px; }
.chart .line { fill: none; stroke: #4f46e5; stroke-width: 2; }
.chart .dot { fill: #4f46e5; }
.chart .axis { stroke: #d1d5db; }
.chart .label { fill: #6b7280; font-size: 11px; }
.chart .empty { color: #6b7280; }
\`;

type Point = { x: string; y: number };

function pointsOf(rows: unknown): Point[] {
  if (!Array.isArray(rows)) return [];
  return rows
    .map((row: Record<string, unknown>) => ({ x: String(row[X_FIELD] ?? row.created_at ?? ""), y: Number(row[Y_FIELD]) }))
    .filter((p) => Number.isFinite(p.y))
    .sort((a, b) => a.x.localeCompare(b.x));
}

export default function Chart({ title = TITLE }: { title?: string }) {
  const { data, error, loading } = useFunctionData(FUNCTION_NAME, {});
  if (error) return <p className="chart empty">Could not load the chart: {String(error.message ?? error)}</p>;
  const points = pointsOf(data);
  if (loading && points.length === 0) return <p className="chart empty">Loading…</p>;
  if (points.length === 0) return <p className="chart empty">No data to chart yet.</p>;
  const max = Math.max(...points.map((p) => p.y));
  const min = Math.min(0, ...points.map((p) => p.y));
  const span = max - min || 1;
  const step = points.length > 1 ? (WIDTH - 2 * PAD) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [PAD + i * step, HEIGHT - PAD - ((p.y - min) / span) * (HEIGHT - 2 * PAD)]);
  return (
    <figure className="chart">
      <h3>{title}</h3>
      <svg viewBox={\`0 0 \${WIDTH} \${HEIGHT}\`} role="img" aria-label={title}>
        <line className="axis" x1={PAD} y1={HEIGHT - PAD} x2={WIDTH - PAD} y2={HEIGHT - PAD} />
        <line className="axis" x1={PAD} y1={PAD} x2={PAD} y2={HEIGHT - PAD} />
        <text className="label" x={4} y={PAD}>{max}</text>
        <text className="label" x={4} y={HEIGHT - PAD}>{min}</text>
        <polyline className="line" points={xy.map(([x, y]) => \`\${x},\${y}\`).join(" ")} />
        {xy.map(([x, y], i) => <circle key={i} className="dot" cx={x} cy={y} r={3}><title>{points[i].x}: {points[i].y}</title></circle>)}
      </svg>
    </figure>
  );
}
`;

/** components/<Name>.tsx for a chart of `chart.field` of `entity`, over its first date field. */
export function writeChartComponent(chart: ChartSpec, entity: EntitySpec): string {
  const label = entity.fields.find((f) => f.name === chart.field)?.label ?? chart.field;
  const xField = entity.fields.find((f) => f.type === "date" || f.type === "datetime")?.name ?? "created_at";
  return `// A chart of ${entity.table}.${chart.field}, written by Myco's offline planner.
import { useFunctionData } from "@myco/sdk";

const FUNCTION_NAME = ${JSON.stringify(entity.table)};
const X_FIELD = ${JSON.stringify(xField)};
const Y_FIELD = ${JSON.stringify(chart.field)};
const TITLE = ${JSON.stringify(`${label} over time`)};

${CHART_BODY}`;
}
