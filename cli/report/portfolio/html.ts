/**
 * The HTML page of `aigov portfolio`: one self-contained file for leadership (inline CSS, SVG and
 * a small script for the finding filters; its content security policy lets it load nothing).
 */
import { UNALLOCATED } from "../../../sdk";
import { PACKAGE_VERSION } from "../../package-root";
import {
  FINDING_IDS,
  FINDING_TITLES,
  type Finding,
  type PortfolioResult,
} from "../../portfolio/model";
import { CSS, dollars } from "../cost/html";
import { escapeHtml as h } from "../markup";
import { usdRange } from "../cost/describe";
import {
  costByTeamAndStage,
  riskByStage,
  stageLegend,
  sunsetTimeline,
  upcomingSunsets,
} from "./charts";
import { COVERAGE_COLUMNS, groupLabel } from "./describe";

/** Escapes text and turns its `code` spans (as in the messages) into `<code>`. */
function rich(text: string): string {
  return h(text).replace(/`([^`]+)`/g, "<code>$1</code>");
}

const PAGE_CSS = `${CSS}
.cards{grid-template-columns:repeat(4,1fr)}
.sev{display:inline-block;padding:1px 8px;border-radius:999px;font-size:12px;font-weight:700}
.sev.high{background:#ffe3e3;color:#c92a2a}
.sev.medium{background:#fff3bf;color:#c25e00}
.sev.low{background:#f1f3f5;color:#495057}
.filters{display:flex;flex-wrap:wrap;gap:10px;margin:0 0 10px;align-items:center}
.filters label{font-size:12px;color:#5f6b7a;display:flex;flex-direction:column;gap:2px}
.filters select,.filters input{font:inherit;padding:4px 6px;border:1px solid #ced4da;border-radius:6px;background:#fff}
#findings-shown{margin-left:auto;color:#5f6b7a;font-size:13px}
svg.heat{max-width:820px}
tr[hidden]{display:none}
`;

const FILTER_SCRIPT = `
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr"));
  var controls = ["severity", "finding", "team", "stack"].map(function (k) {
    return document.getElementById("filter-" + k);
  });
  var search = document.getElementById("filter-text");
  var shown = document.getElementById("findings-shown");
  function apply() {
    var text = search.value.toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var ok = controls.every(function (c) {
        return c.value === "" || row.getAttribute("data-" + c.name) === c.value;
      }) && (text === "" || row.textContent.toLowerCase().indexOf(text) >= 0);
      row.hidden = !ok;
      if (ok) count++;
    });
    shown.textContent = count + " of " + rows.length + " shown";
  }
  controls.concat([search]).forEach(function (c) {
    c.addEventListener("input", apply);
    c.addEventListener("change", apply);
  });
  apply();
})();
`;

function select(name: string, label: string, values: readonly [string, string][]): string {
  const options = values.map(([v, text]) => `<option value="${h(v)}">${h(text)}</option>`).join("");
  return `<label>${h(label)}<select id="filter-${name}" name="${name}"><option value="">all</option>${options}</select></label>`;
}

function findingsSection(findings: readonly Finding[]): string {
  if (findings.length === 0) {
    return `<section id="findings"><h2>Findings <span class="count">0</span></h2><p class="empty">No cross-stack finding.</p></section>`;
  }
  const distinct = (f: (x: Finding) => string | null) =>
    [...new Set(findings.map(f).filter((v): v is string => v !== null))].sort();
  const filters = [
    select("severity", "Severity", [
      ["high", "high"],
      ["medium", "medium"],
      ["low", "low"],
    ]),
    select(
      "finding",
      "Finding",
      FINDING_IDS.filter((id) => findings.some((f) => f.id === id)).map((id) => [id, id]),
    ),
    select(
      "team",
      "Team",
      distinct((f) => f.team).map((t) => [t, t]),
    ),
    select(
      "stack",
      "Stack",
      distinct((f) => f.stack).map((s) => [s, s]),
    ),
    `<label>Search<input id="filter-text" type="search" placeholder="asset, resource, text"></label>`,
    `<span id="findings-shown" aria-live="polite">${findings.length} of ${findings.length} shown</span>`,
  ];
  const rows = findings.map(
    (f) =>
      `<tr data-severity="${f.severity}" data-finding="${f.id}" data-team="${h(f.team ?? "")}" data-stack="${h(f.stack ?? "")}"><td><span class="sev ${f.severity}">${f.severity}</span></td><td><code>${f.id}</code><div class="muted small">${h(FINDING_TITLES[f.id])}</div></td><td>${f.assetId ? h(f.assetId) : '<span class="muted">—</span>'}</td><td>${f.team ? h(f.team) : '<span class="muted">—</span>'}</td><td>${f.stack ? h(f.stack) : '<span class="muted">several</span>'}</td><td>${rich(f.message)}</td></tr>`,
  );
  return `<section id="findings"><h2>Findings <span class="count">${findings.length}</span></h2>
<div class="filters">${filters.join("")}</div>
<div class="scroll"><table><thead><tr><th>Severity</th><th>Finding</th><th>Asset</th><th>Team</th><th>Stack</th><th>Detail</th></tr></thead><tbody>${rows.join("")}</tbody></table></div></section>`;
}

function coverageTable(result: PortfolioResult): string {
  const row = (label: string, c: PortfolioResult["coverage"]["all"], cls = "") =>
    `<tr class="${cls}"><td>${h(label)}</td>${COVERAGE_COLUMNS.map(([, v]) => `<td class="num">${h(v(c))}</td>`).join("")}</tr>`;
  const rows = Object.entries(result.coverage.byTeam).map(([team, c]) =>
    row(groupLabel(team, "team"), c, team === UNALLOCATED ? "muted" : ""),
  );
  return `<div class="scroll"><table id="coverage"><thead><tr><th>Team</th>${COVERAGE_COLUMNS.map(([head]) => `<th class="num">${h(head)}</th>`).join("")}</tr></thead><tbody>${rows.join("")}${row("all teams", result.coverage.all, "strong")}</tbody></table></div>`;
}

function stacksTable(result: PortfolioResult): string {
  const rows = result.stacks.map(
    (s) =>
      `<tr><td class="strong">${h(`${s.project}/${s.stack}`)}<div class="muted small mono">${h(s.file)}</div></td><td class="num">${s.resources}</td><td class="num">${s.aiResources}</td><td class="num">${s.mandatory}</td><td class="num">${s.advisory}</td></tr>`,
  );
  const skipped = result.skipped.map(
    (s) => `<tr><td colspan="5" class="muted">skipped ${h(s.file)}: ${h(s.reason)}</td></tr>`,
  );
  return `<div class="scroll"><table id="stacks"><thead><tr><th>Stack</th><th class="num">Resources</th><th class="num">AI resources</th><th class="num">Mandatory</th><th class="num">Advisory</th></tr></thead><tbody>${[...rows, ...skipped].join("")}</tbody></table></div>`;
}

function inventoryTable(result: PortfolioResult): string {
  const cell = (v: string | null) => (v ? h(v) : '<span class="muted">—</span>');
  const rows = result.assets.map(
    (a) =>
      `<tr data-asset="${h(a.assetId ?? "")}"><td class="strong">${a.assetId ? h(a.assetId) : `<span class="muted">no asset id</span><div class="small mono">${h(a.resources[0] ?? "")}</div>`}</td><td>${h(a.kind)}</td><td>${cell(a.team)}</td><td>${cell(a.stage)}</td><td>${cell(a.riskTier)}</td><td>${a.stacks.map(h).join("<br>")}</td><td class="num">${h(usdRange(a.monthlyUsd))}</td><td>${a.findings.map((f) => `<code>${f}</code>`).join(" ")}</td></tr>`,
  );
  return `<div class="scroll"><table id="inventory"><thead><tr><th>Asset</th><th>Kind</th><th>Team</th><th>Stage</th><th>Risk tier</th><th>Stacks</th><th class="num">Monthly</th><th>Findings</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`;
}

/** The self-contained HTML page of `aigov portfolio --format html`. */
export function formatPortfolioHtml(result: PortfolioResult): string {
  const total = result.assets.reduce(
    (s, a) => ({ min: s.min + a.monthlyUsd.min, max: s.max + a.monthlyUsd.max }),
    { min: 0, max: 0 },
  );
  const bySeverity = (s: string) => result.findings.filter((f) => f.severity === s).length;
  const mandatory = result.stacks.reduce((s, x) => s + x.mandatory, 0);
  const sunsets = upcomingSunsets(result.assets, result.asOf);
  const cost =
    Math.round(total.min) === Math.round(total.max)
      ? dollars(total.min)
      : `${dollars(total.min)} <small>to</small> ${dollars(total.max)}`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>aigov portfolio review, ${h(result.asOf)}</title>
<style>${PAGE_CSS}</style>
</head>
<body>
<main>
<header>
<div class="eyebrow">aigov portfolio review</div>
<h1>AI assets across ${result.stacks.length} stack${result.stacks.length === 1 ? "" : "s"}</h1>
<p class="basis">As of ${h(result.asOf)}: every governed AI resource of the stacks' exports, grouped by asset id; the aigov pack's verdict per stack; the findings no single stack shows.</p>
</header>
<div class="cards">
<div class="card"><div class="k">Assets</div><div class="v" id="kpi-assets">${result.assets.length}</div><div class="d">${result.stacks.reduce((s, x) => s + x.aiResources, 0)} AI resources</div></div>
<div class="card"><div class="k">Estimated monthly cost</div><div class="v" id="kpi-cost">${cost}</div><div class="d">serving capacity, minimum to maximum</div></div>
<div class="card"><div class="k">Findings</div><div class="v" id="kpi-findings">${result.findings.length}</div><div class="d">${bySeverity("high")} high · ${bySeverity("medium")} medium · ${bySeverity("low")} low</div></div>
<div class="card"><div class="k">Mandatory violations</div><div class="v" id="kpi-mandatory">${mandatory}</div><div class="d">of the aigov pack, in all stacks</div></div>
</div>
<section id="cost">
<h2>Estimated monthly cost by team and stage</h2>
<p class="note">Each asset at its team and furthest stage; bars at minimum capacity, the value up to maximum.</p>
${stageLegend()}
<div class="scroll">${costByTeamAndStage(result.assets)}</div>
</section>
<section id="risk">
<h2>Assets by risk tier and stage</h2>
<p class="note">High-risk assets in production or deprecated are shaded red.</p>
<div class="scroll">${riskByStage(result.assets)}</div>
</section>
<section id="sunsets">
<h2>Upcoming sunsets <span class="count">${sunsets.length}</span></h2>
<p class="note">Assets whose sunset date falls in the next 90 days; red within 30.</p>
<div class="scroll">${sunsetTimeline(result.assets, result.asOf)}</div>
</section>
${findingsSection(result.findings)}
<section>
<h2>Governance coverage by team</h2>
<p class="note">Of each team's governed AI resources: those without any aigov violation, and those a budget covers; of its model resources: those with a model card, a passed evaluation, and an allowed training-data license.</p>
${coverageTable(result)}
</section>
<section>
<h2>Stacks <span class="count">${result.stacks.length}</span></h2>
${stacksTable(result)}
</section>
<section>
<h2>Inventory <span class="count">${result.assets.length}</span></h2>
${inventoryTable(result)}
</section>
<footer>
<p>Reviewed by aigov ${h(PACKAGE_VERSION)} with the ${result.policyPacks.map((p) => `${h(p.name)} ${h(p.version)}`).join(", ") || "aigov"} policy pack. Costs are the estimate of aigov cost (on-demand list prices of the offline catalog, 730 hours a month).</p>
</footer>
</main>
<script>${FILTER_SCRIPT}</script>
</body>
</html>
`;
}
