/**
 * The inline SVG charts of the portfolio page: cost by team and stage, assets by risk tier and
 * stage, and the sunsets of the next 90 days. Plain strings, no library, nothing fetched.
 */
import { RISK_TIERS, STAGES } from "../../../sdk";
import { UNALLOCATED } from "../../../sdk";
import type { Asset } from "../../portfolio/model";
import { axisLabel, dollars, niceStep } from "../cost/html";
import { escapeHtml as h } from "../markup";
import { groupLabel } from "./describe";

/** One colour per lifecycle stage (and for assets without one). */
export const STAGE_COLORS: Readonly<Record<string, string>> = {
  experimental: "#9775fa",
  staging: "#4dabf7",
  production: "#2f9e44",
  deprecated: "#f08c00",
  retired: "#868e96",
  [UNALLOCATED]: "#ced4da",
};

const stageKeys = [...STAGES, UNALLOCATED];

/** The legend of the stage colours. */
export function stageLegend(): string {
  return `<div class="legend">${stageKeys
    .map(
      (s) =>
        `<span><i style="background:${STAGE_COLORS[s]}"></i>${h(groupLabel(s, "stage"))}</span>`,
    )
    .join("")}</div>`;
}

/**
 * Horizontal bars, one per team, stacked by stage: the estimated monthly cost of the team's
 * assets at minimum capacity (the maximum is in each bar's tooltip and value).
 */
export function costByTeamAndStage(assets: readonly Asset[]): string {
  const teams = new Map<string, { byStage: Map<string, number>; min: number; max: number }>();
  for (const a of assets) {
    const team = a.team ?? UNALLOCATED;
    const t = teams.get(team) ?? { byStage: new Map(), min: 0, max: 0 };
    const stage = a.stage && STAGE_COLORS[a.stage] ? a.stage : UNALLOCATED;
    t.byStage.set(stage, (t.byStage.get(stage) ?? 0) + a.monthlyUsd.min);
    t.min += a.monthlyUsd.min;
    t.max += a.monthlyUsd.max;
    teams.set(team, t);
  }
  const rows = [...teams.entries()]
    .filter(([, t]) => t.max > 0)
    .sort(([ka, a], [kb, b]) => b.max - a.max || (ka < kb ? -1 : 1));
  if (rows.length === 0) {
    return `<p class="empty">No serving resource was priced, so there is no cost to chart.</p>`;
  }
  const width = 960;
  const labelWidth = 170;
  const valueWidth = 170;
  const plotLeft = labelWidth + 10;
  const plotWidth = width - plotLeft - valueWidth - 10;
  const rowHeight = 34;
  const top = 30;
  const barHeight = 18;
  const height = top + rows.length * rowHeight + 10;
  const most = Math.max(...rows.map(([, t]) => t.min), 1);
  const step = niceStep(most * 1.05);
  const axisMax = Math.ceil((most * 1.05) / step) * step;
  const x = (usd: number) => plotLeft + (usd / axisMax) * plotWidth;
  const parts = [
    `<svg class="chart" id="chart-cost" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-cost-title">`,
    `<title id="chart-cost-title">Estimated monthly cost per team, by stage</title>`,
  ];
  for (let v = 0; v <= axisMax + step / 2; v += step) {
    const gx = x(v).toFixed(1);
    parts.push(
      `<line class="grid" x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${height - 6}"/>`,
      `<text class="axis" x="${gx}" y="${top - 12}" text-anchor="middle">${h(axisLabel(v))}</text>`,
    );
  }
  rows.forEach(([team, t], i) => {
    const y = top + i * rowHeight + (rowHeight - barHeight) / 2;
    const label = groupLabel(team, "team");
    parts.push(
      `<g class="bar" data-team="${h(team)}" data-min="${t.min.toFixed(2)}" data-max="${t.max.toFixed(2)}">`,
      `<title>${h(`${label}: ${dollars(t.min)} – ${dollars(t.max)} a month`)}</title>`,
      `<text class="label${team === UNALLOCATED ? " muted" : ""}" x="${labelWidth}" y="${y + barHeight / 2 + 5}" text-anchor="end">${h(label)}</text>`,
    );
    let left = plotLeft;
    for (const stage of stageKeys) {
      const usd = t.byStage.get(stage) ?? 0;
      if (usd <= 0) continue;
      const w = x(usd) - plotLeft;
      parts.push(
        `<rect class="segment" data-stage="${h(stage)}" data-usd="${usd.toFixed(2)}" x="${left.toFixed(1)}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${STAGE_COLORS[stage]}"><title>${h(`${label}, ${groupLabel(stage, "stage")}: ${dollars(usd)}`)}</title></rect>`,
      );
      left += w;
    }
    const value = t.min === t.max ? dollars(t.min) : `${dollars(t.min)} – ${dollars(t.max)}`;
    parts.push(
      `<text class="value" x="${width - valueWidth + 6}" y="${y + barHeight / 2 + 5}">${h(value)}</text>`,
      `</g>`,
    );
  });
  parts.push(`</svg>`);
  return parts.join("");
}

/** A grid of asset counts, risk tier by stage, each cell shaded by its count. */
export function riskByStage(assets: readonly Asset[]): string {
  const tiers = [...[...RISK_TIERS].reverse(), UNALLOCATED];
  const counts = new Map<string, number>();
  for (const a of assets) {
    const tier =
      a.riskTier && (RISK_TIERS as readonly string[]).includes(a.riskTier)
        ? a.riskTier
        : UNALLOCATED;
    const stage = a.stage && STAGE_COLORS[a.stage] ? a.stage : UNALLOCATED;
    counts.set(`${tier}\n${stage}`, (counts.get(`${tier}\n${stage}`) ?? 0) + 1);
  }
  const most = Math.max(...counts.values(), 1);
  const cellW = 110;
  const cellH = 40;
  const left = 130;
  const top = 30;
  const width = left + stageKeys.length * cellW + 10;
  const height = top + tiers.length * cellH + 10;
  const parts = [
    `<svg class="chart heat" id="chart-risk" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-risk-title">`,
    `<title id="chart-risk-title">Assets by risk tier and stage</title>`,
  ];
  stageKeys.forEach((s, j) => {
    parts.push(
      `<text class="axis" x="${left + j * cellW + cellW / 2}" y="${top - 10}" text-anchor="middle">${h(groupLabel(s, "stage"))}</text>`,
    );
  });
  tiers.forEach((tier, i) => {
    const y = top + i * cellH;
    parts.push(
      `<text class="label${tier === UNALLOCATED ? " muted" : ""}" x="${left - 10}" y="${y + cellH / 2 + 5}" text-anchor="end">${h(groupLabel(tier, "risk tier"))}</text>`,
    );
    stageKeys.forEach((stage, j) => {
      const n = counts.get(`${tier}\n${stage}`) ?? 0;
      const alpha = n === 0 ? 0 : 0.15 + 0.85 * (n / most);
      const hot = tier === "high" && (stage === "production" || stage === "deprecated");
      const fill = hot
        ? `rgba(224,49,49,${alpha.toFixed(2)})`
        : `rgba(76,110,245,${alpha.toFixed(2)})`;
      const cx = left + j * cellW;
      parts.push(
        `<g class="cell" data-risk-tier="${h(tier)}" data-stage="${h(stage)}" data-count="${n}"><title>${h(`${groupLabel(tier, "risk tier")}, ${groupLabel(stage, "stage")}: ${n} asset${n === 1 ? "" : "s"}`)}</title><rect x="${cx + 2}" y="${y + 2}" width="${cellW - 4}" height="${cellH - 4}" rx="4" fill="${n === 0 ? "#f8f9fa" : fill}"/><text class="value" x="${cx + cellW / 2}" y="${y + cellH / 2 + 5}" text-anchor="middle"${alpha > 0.6 ? ' fill="#fff"' : ""}>${n === 0 ? "" : n}</text></g>`,
      );
    });
  });
  parts.push(`</svg>`);
  return parts.join("");
}

/** Days from `from` to `to` (both `YYYY-MM-DD`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The assets whose sunset date is within `days` days from `asOf` (inclusive), soonest first. */
export function upcomingSunsets(assets: readonly Asset[], asOf: string, days = 90): Asset[] {
  return assets
    .filter((a) => {
      if (!a.sunsetDate || a.stage === "retired") return false;
      const d = daysBetween(asOf, a.sunsetDate);
      return d >= 0 && d <= days;
    })
    .sort((a, b) => (a.sunsetDate as string).localeCompare(b.sunsetDate as string));
}

/** A 90-day timeline with a marker per upcoming sunset. */
export function sunsetTimeline(assets: readonly Asset[], asOf: string, days = 90): string {
  const upcoming = upcomingSunsets(assets, asOf, days);
  if (upcoming.length === 0) {
    return `<p class="empty" id="chart-sunsets">No asset reaches its sunset date in the next ${days} days.</p>`;
  }
  const width = 960;
  const left = 40;
  const right = 40;
  const top = 34;
  const rowHeight = 34;
  const height = top + upcoming.length * rowHeight + 10;
  const x = (d: number) => left + (d / days) * (width - left - right);
  const parts = [
    `<svg class="chart" id="chart-sunsets" viewBox="0 0 ${width} ${height}" width="100%" role="img" aria-labelledby="chart-sunsets-title">`,
    `<title id="chart-sunsets-title">Sunset dates in the ${days} days from ${h(asOf)}</title>`,
  ];
  for (let d = 0; d <= days; d += 15) {
    const gx = x(d).toFixed(1);
    const day = new Date(Date.parse(`${asOf}T00:00:00Z`) + d * 86_400_000)
      .toISOString()
      .slice(0, 10);
    parts.push(
      `<line class="grid" x1="${gx}" y1="${top - 6}" x2="${gx}" y2="${height - 8}"/>`,
      `<text class="axis" x="${gx}" y="${top - 12}" text-anchor="middle">${d === 0 ? "today" : h(day.slice(5))}</text>`,
    );
  }
  upcoming.forEach((a, i) => {
    const d = daysBetween(asOf, a.sunsetDate as string);
    const y = top + i * rowHeight + rowHeight - 10;
    const cx = x(d);
    const label = `${a.assetId ?? "(no asset id)"} · ${a.team ?? "no team"} · ${a.sunsetDate} (${d} days)`;
    const anchor = cx > width / 2 ? "end" : "start";
    const tx = anchor === "end" ? cx - 10 : cx + 10;
    parts.push(
      `<g class="sunset" data-asset="${h(a.assetId ?? "")}" data-date="${h(a.sunsetDate as string)}" data-days="${d}">`,
      `<line x1="${x(0)}" y1="${y}" x2="${cx.toFixed(1)}" y2="${y}" stroke="#ffd8a8" stroke-width="3"/>`,
      `<circle cx="${cx.toFixed(1)}" cy="${y}" r="6" fill="${d <= 30 ? "#e03131" : "#f08c00"}"/>`,
      `<text class="sub" x="${tx.toFixed(1)}" y="${y - 9}" text-anchor="${anchor}">${h(label)}</text>`,
      `</g>`,
    );
  });
  parts.push(`</svg>`);
  return parts.join("");
}
