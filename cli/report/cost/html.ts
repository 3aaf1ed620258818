/**
 * The HTML cost report: one self-contained page (inline CSS and SVG, no script, no external
 * asset) with the totals, a chart of the estimate against the budget of each team, the budgets,
 * the rollups, every priced block and what could not be priced.
 */
import { cents } from "../../cost/estimate";
import {
  type BudgetEstimate,
  type BudgetStatus,
  type CostAnalysis,
  type MonthlyUsd,
  UNALLOCATED,
} from "../../../sdk";
import type { CostResult } from "../../cost/run";
import { PACKAGE_VERSION } from "../../package-root";
import { escapeHtml } from "../markup";
import {
  STATUS_LABELS,
  budgetSourceText,
  capacityText,
  countsText,
  formatUsd,
  headroomText,
  pricingText,
  resourceLabel,
  rollupLabel,
  scopeText,
  title,
  usdPerHour,
  usdRange,
} from "./describe";

const h = escapeHtml;

/** Escapes text and turns its `code` spans (as in the messages) into `<code>`. */
function rich(text: string): string {
  return h(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

type ChartStatus = BudgetStatus | "none";

const COLORS: Record<ChartStatus, { solid: string; light: string; text: string }> = {
  within: { solid: "#2f9e44", light: "#b2f2bb", text: "#2b8a3e" },
  "at-risk": { solid: "#f08c00", light: "#ffe066", text: "#e67700" },
  over: { solid: "#e03131", light: "#ffc9c9", text: "#c92a2a" },
  unknown: { solid: "#868e96", light: "#dee2e6", text: "#495057" },
  none: { solid: "#4c6ef5", light: "#bac8ff", text: "#3b5bdb" },
};

const STATUS_TEXT: Record<ChartStatus, string> = { ...STATUS_LABELS, none: "no budget" };

/** Whole dollars, for the headline figures (`$4,579`). */
export function dollars(usd: number): string {
  return new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "USD",
    maximumFractionDigits: 0,
  }).format(usd);
}

/** Compact axis labels (`$0`, `$2.5k`, `$10k`, `$1.2M`). */
export function axisLabel(usd: number): string {
  if (usd >= 1e6) return `$${+(usd / 1e6).toFixed(2)}M`;
  if (usd >= 1e3) return `$${+(usd / 1e3).toFixed(1)}k`;
  return `$${+usd.toFixed(0)}`;
}

/** A "nice" axis step (1, 2, 2.5 or 5 × 10^k) giving about `ticks` intervals up to `max`. */
export function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw);
  return step ?? 10 * power;
}

/** One row of the team chart. */
export interface TeamRow {
  readonly team: string;
  readonly estimate: MonthlyUsd;
  /** The summed limits of the budgets that cover this team alone; `null` when there are none. */
  readonly budget: number | null;
  readonly budgets: readonly string[];
  readonly status: ChartStatus;
  /** How many of the team's blocks are not priced (the estimate is a lower bound then). */
  readonly unpriced: number;
}

/**
 * The teams with their estimate and team budgets: the budgets whose filter is one team (budgets
 * on several teams, cost centers or assets are in the budget table only).
 */
export function teamRows(a: CostAnalysis): TeamRow[] {
  const estimates = new Map(Object.entries(a.byTeam));
  const teamBudgets = new Map<string, BudgetEstimate[]>();
  for (const b of a.budgets) {
    const teams = b.scope?.team ?? [];
    if (teams.length !== 1 || b.scope?.costCenter || b.scope?.assetId) continue;
    if (b.monthlyLimitUsd === null) continue;
    teamBudgets.set(teams[0], [...(teamBudgets.get(teams[0]) ?? []), b]);
    if (!estimates.has(teams[0])) estimates.set(teams[0], { min: 0, max: 0 });
  }
  const unpriced = new Map<string, number>();
  for (const u of a.unpriced) {
    const team = u.team ?? UNALLOCATED;
    unpriced.set(team, (unpriced.get(team) ?? 0) + 1);
    if (!estimates.has(team)) estimates.set(team, { min: 0, max: 0 });
  }
  return [...estimates.entries()].map(([team, estimate]) => {
    const budgets = teamBudgets.get(team) ?? [];
    const budget =
      budgets.length > 0 ? cents(budgets.reduce((s, b) => s + (b.monthlyLimitUsd ?? 0), 0)) : null;
    const status: ChartStatus =
      budget === null
        ? "none"
        : estimate.min > budget
          ? "over"
          : estimate.max > budget
            ? "at-risk"
            : "within";
    return {
      team,
      estimate,
      budget,
      budgets: budgets.map((b) => b.name),
      status,
      unpriced: unpriced.get(team) ?? 0,
    };
  });
}

function hatchPatterns(): string {
  return (Object.keys(COLORS) as ChartStatus[])
    .map(
      (s) =>
        `<pattern id="hatch-${s}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${COLORS[s].light}"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLORS[s].solid}" stroke-width="2" stroke-opacity="0.45"/></pattern>`,
    )
    .join("");
}

/** The chart of each team's estimate (minimum solid, up to the maximum hatched) and budget. */
export function teamChart(rows: readonly TeamRow[]): string {
  if (rows.length === 0) {
    return `<p class="empty">No serving resource was priced, so there is nothing to chart.</p>`;
  }
  const width = 960;
  const longest = Math.max(...rows.map((r) => rollupLabel(r.team, "team").length));
  const labelWidth = Math.min(220, Math.max(70, Math.round(longest * 7.6) + 14));
  const valueWidth = 230;
  const plotLeft = labelWidth + 10;
  const plotWidth = width - plotLeft - valueWidth - 10;
  const rowHeight = 46;
  const top = 34;
  const barHeight = 18;
  const height = top + rows.length * rowHeight + 14;
  const top1 = Math.max(...rows.map((r) => Math.max(r.estimate.max, r.budget ?? 0)), 1);
  const step = niceStep(top1 * 1.05);
  const axisMax = Math.ceil((top1 * 1.05) / step) * step;
  const x = (usd: number) => plotLeft + (usd / axisMax) * plotWidth;
  const parts: string[] = [
    `<svg class="chart" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-title">`,
    `<title id="chart-title">Estimated monthly cost against budget, per team</title>`,
    `<defs>${hatchPatterns()}</defs>`,
  ];
  for (let v = 0; v <= axisMax + step / 2; v += step) {
    const gx = x(v).toFixed(1);
    parts.push(
      `<line class="grid" x1="${gx}" y1="${top - 8}" x2="${gx}" y2="${height - 10}"/>`,
      `<text class="axis" x="${gx}" y="${top - 14}" text-anchor="middle">${h(axisLabel(v))}</text>`,
    );
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight + (rowHeight - barHeight) / 2;
    const c = COLORS[r.status];
    const minW = Math.max(0, x(r.estimate.min) - plotLeft);
    const maxW = Math.max(0, x(r.estimate.max) - x(r.estimate.min));
    const label = rollupLabel(r.team, "team");
    const tip = `${label}: ${usdRange(r.estimate)} a month${r.budget === null ? ", no team budget" : `, budget ${formatUsd(r.budget)} (${r.budgets.join(", ")})`}`;
    parts.push(
      `<g class="bar" data-team="${h(r.team)}" data-min="${r.estimate.min}" data-max="${r.estimate.max}" data-budget="${r.budget ?? ""}" data-status="${r.status}">`,
      `<title>${h(tip)}</title>`,
      `<text class="label${r.team === UNALLOCATED ? " muted" : ""}" x="${labelWidth}" y="${y + barHeight / 2 + 5}" text-anchor="end">${h(label)}</text>`,
      `<rect class="track" x="${plotLeft}" y="${y}" width="${plotWidth}" height="${barHeight}" rx="3"/>`,
      `<rect class="min" x="${plotLeft}" y="${y}" width="${minW.toFixed(1)}" height="${barHeight}" fill="${c.solid}" rx="2"/>`,
      `<rect class="max" x="${(plotLeft + minW).toFixed(1)}" y="${y}" width="${maxW.toFixed(1)}" height="${barHeight}" fill="url(#hatch-${r.status})"/>`,
    );
    if (r.budget !== null) {
      const bx = x(r.budget).toFixed(1);
      parts.push(
        `<line class="budget" x1="${bx}" y1="${y - 7}" x2="${bx}" y2="${y + barHeight + 7}"/>`,
        `<path class="budget-head" d="M${+bx - 5} ${y - 11} h10 l-5 6 z"/>`,
      );
    }
    const value =
      r.estimate.min === r.estimate.max
        ? dollars(r.estimate.min)
        : `${dollars(r.estimate.min)} – ${dollars(r.estimate.max)}`;
    const sub =
      (r.budget === null
        ? "no team budget"
        : `budget ${dollars(r.budget)} · ${STATUS_TEXT[r.status]}`) +
      (r.unpriced > 0 ? ` · ${r.unpriced} not priced` : "");
    const vx = width - valueWidth + 6;
    parts.push(
      `<text class="value" x="${vx}" y="${y + 7}">${h(value)}</text>`,
      `<text class="sub" x="${vx}" y="${y + 22}" fill="${c.text}">${h(sub)}</text>`,
      `</g>`,
    );
  });
  parts.push(`</svg>`);
  return parts.join("");
}

/** A small bullet bar: estimate range against a limit, for table cells. */
function bullet(estimate: MonthlyUsd, limit: number | null, status: ChartStatus): string {
  const w = 140;
  const scale = Math.max(estimate.max, limit ?? 0, 1) * 1.1;
  const x = (v: number) => ((v / scale) * w).toFixed(1);
  const c = COLORS[status];
  const marker =
    limit === null
      ? ""
      : `<line x1="${x(limit)}" y1="1" x2="${x(limit)}" y2="15" stroke="#212529" stroke-width="2"/>`;
  return `<svg class="bullet" viewBox="0 0 ${w} 16" width="${w}" height="16" aria-hidden="true"><rect x="0" y="4" width="${w}" height="8" rx="2" fill="#f1f3f5"/><rect x="0" y="4" width="${x(estimate.max)}" height="8" rx="2" fill="${c.light}"/><rect x="0" y="4" width="${x(estimate.min)}" height="8" rx="2" fill="${c.solid}"/>${marker}</svg>`;
}

function pill(status: ChartStatus): string {
  return `<span class="pill ${status}">${h(STATUS_TEXT[status])}</span>`;
}

function budgetTable(a: CostAnalysis): string {
  if (a.budgets.length === 0) {
    return `<p class="empty">No budget in the stack or in <code>aigov:budgets</code>: add an AWS or GCP budget filtering on an aigov team, cost center or asset, or list one in <code>aigov:budgets</code>.</p>`;
  }
  const rows = a.budgets.map((b) => {
    const resources = b.resources.length;
    return `<tr>
<td><div class="strong">${h(b.name)}</div><div class="muted small">${h(budgetSourceText(b))}</div></td>
<td>${h(scopeText(b))}</td>
<td class="num">${b.monthlyLimitUsd === null ? "?" : h(formatUsd(b.monthlyLimitUsd))}</td>
<td class="num">${h(usdRange(b.estimatedMonthlyUsd))}<div class="muted small">${resources} ${resources === 1 ? "resource" : "resources"}</div></td>
<td>${bullet(b.estimatedMonthlyUsd, b.monthlyLimitUsd, b.status)}</td>
<td>${pill(b.status)}<div class="small">${rich(headroomText(b))}</div></td>
</tr>`;
  });
  return `<div class="scroll"><table><thead><tr><th>Budget</th><th>Scope</th><th class="num">Limit</th><th class="num">Estimate</th><th>Estimate vs limit</th><th>Status</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function rollupTable(
  heading: string,
  what: "team" | "cost center" | "asset",
  rollup: Readonly<Record<string, MonthlyUsd>>,
): string {
  const entries = Object.entries(rollup);
  if (entries.length === 0) return "";
  const top = Math.max(...entries.map(([, m]) => m.max), 1);
  const rows = entries.map(([k, m]) => {
    const maxW = ((m.max / top) * 100).toFixed(1);
    return `<tr><td class="${k === UNALLOCATED ? "muted" : ""}">${h(rollupLabel(k, what))}</td><td class="spark"><span class="range" style="width:${maxW}%"><span class="floor" style="width:${m.max > 0 ? ((m.min / m.max) * 100).toFixed(1) : "0"}%"></span></span></td><td class="num">${h(usdRange(m))}</td></tr>`;
  });
  return `<div class="card"><h3>${h(heading)}</h3><table class="compact"><tbody>${rows.join("")}</tbody></table></div>`;
}

/** Team, cost center and asset of a block, one per line (a dash when absent). */
function attribution(l: { team?: string; costCenter?: string; assetId?: string }): string {
  const line = (v: string | undefined, what: string) =>
    v === undefined
      ? `<div class="muted" title="no ${what}">—</div>`
      : `<div title="${what}">${h(v)}</div>`;
  return line(l.team, "team") + line(l.costCenter, "cost center") + line(l.assetId, "asset");
}

function resourceTable(a: CostAnalysis): string {
  if (a.resources.length === 0) return `<p class="empty">No serving resource was priced.</p>`;
  const rows = a.resources.map(
    (l) => `<tr>
<td><div class="strong">${h(resourceLabel(l))}</div><div class="muted small mono">${h(l.part)}</div></td>
<td>${h(capacityText(l))}<div class="muted small">${h(l.replicasFrom)}${l.priceSource === "override" ? " · <code>aigov:pricing</code> price" : ""}</div></td>
<td class="num">${h(usdPerHour(l.usdPerReplicaHour))}/h</td>
<td class="num">${h(usdRange(l.monthlyUsd))}</td>
<td class="attr">${attribution(l)}</td>
</tr>`,
  );
  return `<div class="scroll"><table><thead><tr><th>Resource</th><th>Capacity</th><th class="num">Per replica</th><th class="num">Monthly</th><th>Team · cost center · asset</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

function unpricedTable(a: CostAnalysis): string {
  if (a.unpriced.length === 0) return "";
  const rows = a.unpriced.map(
    (u) => `<tr>
<td><div class="strong">${h(resourceLabel(u))}</div><div class="muted small mono">${h(u.part)}${u.instanceType ? ` · ${h(u.instanceType)}` : ""}</div></td>
<td><span class="tag">${h(u.code)}</span></td>
<td>${rich(u.reason)}</td>
<td class="attr">${attribution(u)}</td>
</tr>`,
  );
  return `<section><h2>Not priced <span class="count">${a.unpriced.length}</span></h2><p class="note">Not included in any total: these resources cost money that this estimate cannot put a figure on.</p><div class="scroll"><table><thead><tr><th>Resource</th><th>Why</th><th>Detail</th><th>Team · cost center · asset</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

export const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#212529;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:28px 28px 40px}
header .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:#5f6b7a;font-weight:600}
h1{font-size:26px;margin:4px 0 2px}
h2{font-size:17px;margin:0 0 10px}
h3{font-size:14px;margin:0 0 8px;color:#343a40}
.basis{color:#5f6b7a;margin:0}
.cards{display:grid;grid-template-columns:2fr 1.4fr 1fr;gap:14px;margin:20px 0}
.card{background:#fff;border:1px solid #e3e7eb;border-radius:10px;padding:16px 18px;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.card .k{color:#5f6b7a;font-size:12px;text-transform:uppercase;letter-spacing:.06em;font-weight:600}
.card .v{font-size:28px;font-weight:700;margin-top:4px;font-variant-numeric:tabular-nums}
.card .v small{font-size:15px;color:#5f6b7a;font-weight:500}
.card .d{color:#5f6b7a;font-size:13px;margin-top:2px}
.statuses{display:flex;gap:14px;margin-top:8px;flex-wrap:wrap}
.statuses span{font-size:20px;font-weight:700}
.statuses em{font-style:normal;font-size:13px;color:#5f6b7a;font-weight:500;margin-left:4px}
section{background:#fff;border:1px solid #e3e7eb;border-radius:10px;padding:18px 20px;margin:14px 0;box-shadow:0 1px 2px rgba(16,24,40,.04)}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:12px;color:#5f6b7a;margin:-4px 0 6px}
.legend span{white-space:nowrap}
.legend i{display:inline-block;width:14px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.legend i.budget{width:2px;height:14px;background:#212529;border-radius:0;vertical-align:-3px}
.scroll{overflow-x:auto}
svg.chart{min-width:640px;display:block}
.chart text{font-family:inherit}
.chart .grid{stroke:#e9ecef;stroke-width:1}
.chart .axis{font-size:11px;fill:#868e96}
.chart .label{font-size:13px;font-weight:600;fill:#343a40}
.chart .label.muted{fill:#868e96;font-style:italic}
.chart .track{fill:#f8f9fa}
.chart .budget{stroke:#212529;stroke-width:2.5}
.chart .budget-head{fill:#212529}
.chart .value{font-size:13px;font-weight:600;fill:#212529;font-variant-numeric:tabular-nums}
.chart .sub{font-size:11.5px}
table{width:100%;border-collapse:collapse}
th{text-align:left;font-size:12px;color:#5f6b7a;font-weight:600;border-bottom:1px solid #dee2e6;padding:6px 8px}
td{border-bottom:1px solid #f1f3f5;padding:8px;vertical-align:top}
tr:last-child td{border-bottom:0}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.strong{font-weight:600}
td.attr{white-space:nowrap;font-size:13px}
.muted{color:#868e96}
.small{font-size:12px}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;background:#f1f3f5;padding:1px 4px;border-radius:4px}
.pill{display:inline-block;padding:1px 9px;border-radius:999px;font-size:12px;font-weight:700;margin-bottom:3px}
.pill.within{background:#d3f9d8;color:#2b8a3e}
.pill.at-risk{background:#fff3bf;color:#c25e00}
.pill.over{background:#ffe3e3;color:#c92a2a}
.pill.unknown,.pill.none{background:#f1f3f5;color:#495057}
.tag{display:inline-block;padding:1px 7px;border-radius:4px;background:#f1f3f5;font-size:12px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:nowrap}
.rollups{display:grid;grid-template-columns:1fr 1fr;gap:14px;margin:14px 0}
.rollups .card{padding:14px 16px}
table.compact td{padding:5px 6px}
td.spark{width:40%}
.range{display:block;height:9px;background:#bac8ff;border-radius:2px;margin-top:5px}
.floor{display:block;height:9px;background:#4c6ef5;border-radius:2px}
.count{display:inline-block;background:#f1f3f5;color:#495057;border-radius:999px;padding:0 8px;font-size:12px;vertical-align:2px;margin-left:4px}
.note{color:#5f6b7a;margin:-4px 0 10px}
.empty{color:#5f6b7a;font-style:italic;margin:0}
footer{color:#868e96;font-size:12px;margin-top:18px}
footer p{margin:3px 0}
@media (max-width:760px){.cards,.rollups{grid-template-columns:1fr}}
@media print{body{background:#fff}section,.card{box-shadow:none;break-inside:avoid}}
`;

/** The self-contained HTML page of `aigov cost --html`. */
export function formatCostHtml(result: CostResult): string {
  const a = result.analysis;
  const counts = { over: 0, "at-risk": 0, within: 0, unknown: 0 };
  for (const b of a.budgets) counts[b.status]++;
  const total =
    a.monthlyUsd.min === a.monthlyUsd.max
      ? dollars(a.monthlyUsd.min)
      : `${dollars(a.monthlyUsd.min)} <small>to</small> ${dollars(a.monthlyUsd.max)}`;
  const statusCounts = (["over", "at-risk", "within"] as const)
    .map(
      (s) => `<span style="color:${COLORS[s].text}">${counts[s]}<em>${STATUS_TEXT[s]}</em></span>`,
    )
    .join("");
  const rows = teamRows(a);
  const legend = `<div class="legend"><span><i style="background:#868e96"></i>at minimum capacity</span><span><i style="background:repeating-linear-gradient(45deg,#dee2e6 0 3px,#adb5bd 3px 5px)"></i>up to maximum capacity</span><span><i class="budget"></i>team budget</span><span><i style="background:${COLORS.within.solid}"></i>within</span><span><i style="background:${COLORS["at-risk"].solid}"></i>at risk at peak</span><span><i style="background:${COLORS.over.solid}"></i>over</span><span><i style="background:${COLORS.none.solid}"></i>no budget</span></div>`;
  const overrides = Object.entries(a.pricing.overrides);
  const rollups = [
    rollupTable("By cost center", "cost center", a.byCostCenter),
    rollupTable("By asset", "asset", a.byAsset),
  ]
    .filter((t) => t !== "")
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${h(`aigov cost: ${title(result)}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<div class="eyebrow">aigov cost report</div>
<h1>${h(title(result))}</h1>
<p class="basis">Monthly estimate of the serving resources at ${h(pricingText(a))}.</p>
</header>
<div class="cards">
<div class="card"><div class="k">Estimated monthly cost</div><div class="v">${total}</div><div class="d">every serving resource at its minimum, and at its maximum capacity · ${h(countsText(a))}</div></div>
<div class="card"><div class="k">Budgets</div>${a.budgets.length > 0 ? `<div class="statuses">${statusCounts}</div><div class="d">${a.budgets.length} ${a.budgets.length === 1 ? "budget" : "budgets"} in the stack and in <code>aigov:budgets</code></div>` : `<div class="v"><small>none</small></div><div class="d">no budget covers these resources</div>`}</div>
<div class="card"><div class="k">Not priced</div><div class="v">${a.unpriced.length}</div><div class="d">${a.unpriced.length > 0 ? "listed below, not in the totals" : "every serving resource has a price"}</div></div>
</div>
<section>
<h2>Estimated cost against budget, per team</h2>
${legend}
<div class="scroll">${teamChart(rows)}</div>
</section>
<section>
<h2>Budgets</h2>
${budgetTable(a)}
</section>
${rollups ? `<div class="rollups">\n${rollups}\n</div>` : ""}
<section>
<h2>Resources <span class="count">${a.resources.length}</span></h2>
${resourceTable(a)}
</section>
${unpricedTable(a)}
<footer>
<p>Estimated by aigov ${h(PACKAGE_VERSION)} from ${h(result.source)}. Monthly = hourly × ${a.pricing.hoursPerMonth} h. Prices: the offline catalog of ${h(a.pricing.catalogCapturedAt)} (AWS ${h(a.pricing.regions.aws)}, GCP ${h(a.pricing.regions.gcp)}, on-demand list prices; spot at planning discounts)${overrides.length > 0 ? `, with the <code>aigov:pricing</code> overrides ${overrides.map(([k, v]) => `<code>${h(k)}</code> ${h(usdPerHour(v))}/h`).join(", ")}` : ""}. Storage, data transfer and request charges are not included.</p>
</footer>
</main>
</body>
</html>
`;
}
