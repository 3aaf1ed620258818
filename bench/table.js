"use strict";
// Prints the results of bench/run.js as plain-text tables.

const MB = 1024 * 1024;
const fmt = {
  int: (x) => (x == null ? "-" : Math.round(x).toLocaleString("en-US")),
  ms: (x) => (x == null ? "-" : x >= 100 ? fmt.int(x) : x.toFixed(2)),
  mb: (x) => (x == null ? "-" : `${fmt.int(x / MB)} MB`),
  ratio: (x) => (x == null ? "-" : `${x.toFixed(2)}×`),
  load: (l) => l.map((x) => x.toFixed(2)).join(" "),
};

/** A table with a header row; columns are right-aligned except the first. */
function table(header, rows) {
  const all = [header, ...rows].map((row) => row.map(String));
  const widths = header.map((_, i) => Math.max(...all.map((row) => row[i].length)));
  return all
    .map((row) =>
      row
        .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
        .join("  "),
    )
    .join("\n");
}

function printTable(r, out) {
  const lines = [];
  const section = (title, body) => lines.push("", title, body);
  lines.push(
    `aigov bench ${r.date}: ${r.machine.cpus} CPUs, ${fmt.mb(r.machine.memoryBytes)}, node ${r.machine.node}; ` +
      `medians of ${r.repeat} runs; load ${fmt.load(r.load.before)} → ${fmt.load(r.load.after)}`,
  );
  section(
    "Portfolios (resources as aigov check records them)",
    table(
      ["N", "assets aws/gcp/k8s", "resources", "components", "custom", "aws", "gcp", "kubernetes"],
      r.portfolios.map((p) => [
        p.n,
        `${p.assets.aws}/${p.assets.gcp}/${p.assets.k8s}`,
        fmt.int(p.resources),
        fmt.int(p.components),
        fmt.int(p.customResources),
        fmt.int(p.byCloud.aws),
        fmt.int(p.byCloud.gcp),
        fmt.int(p.byCloud.kubernetes),
      ]),
    ),
  );
  section(
    "1. Program under Pulumi's mock runtime: aigov components vs the same resources raw",
    table(
      [
        "N",
        "registered c/raw",
        "components ms",
        "raw ms",
        "time ×",
        "components RSS",
        "raw RSS",
        "RSS ×",
      ],
      r.programs.map((p) => [
        p.n,
        `${fmt.int(p.components.resources)}/${fmt.int(p.raw.resources)}`,
        fmt.ms(p.components.ms),
        fmt.ms(p.raw.ms),
        fmt.ratio(p.ratio.time),
        fmt.mb(p.components.maxRssBytes),
        fmt.mb(p.raw.maxRssBytes),
        fmt.ratio(p.ratio.memory),
      ]),
    ),
  );
  const policyRow = (label, p) => [
    label,
    p.n,
    fmt.int(p.resources),
    fmt.ms(p.analyzeMs),
    fmt.ms(p.analyzeStackMs),
    fmt.int(p.resourcesPerSecond),
    fmt.ms(p.msPerResource),
    fmt.mb(p.packMaxRssBytes),
  ];
  const policyRows = r.policy.map((p) => policyRow("aigov", p));
  policyRows.push(policyRow("no-op pack (floor)", r.policyFloor));
  if (r.peer) {
    policyRows.push(policyRow("aigov, AWS share", r.peer.aigov));
    policyRows.push(policyRow("awsguard, AWS share", r.peer.awsguard));
  }
  section(
    "2. Policy packs over the Analyzer protocol (Analyze per resource, then AnalyzeStack)",
    table(
      [
        "pack",
        "N",
        "resources",
        "analyze ms",
        "stack ms",
        "resources/s",
        "ms/resource",
        "pack RSS",
      ],
      policyRows,
    ) +
      (r.peer
        ? `\naigov / awsguard per AWS resource: ${fmt.ratio(r.peer.ratio)}`
        : "\n(no awsguard pack: peer comparison skipped)"),
  );
  section(
    "3. aigov check --format json, end to end",
    table(
      ["N", "resources", "ms", "ms/resource", "CLI RSS", "pack RSS", "at once"],
      r.check.map((c) => [
        c.n,
        fmt.int(c.resources),
        fmt.ms(c.ms),
        fmt.ms(c.msPerResource),
        fmt.mb(c.cliMaxRssBytes),
        fmt.mb(c.packMaxRssBytes),
        fmt.mb(c.combinedMaxRssBytes),
      ]),
    ) + (r.growth ? `\ngrowth of ms/resource, N=100 → 1,000: ${fmt.ratio(r.growth.ratio)}` : ""),
  );
  section(
    "4. Pack cold start (spawn → configured → first Analyze answer)",
    table(
      ["pack", "ready ms", "first analysis ms"],
      Object.entries(r.coldStart)
        .filter(([, c]) => c)
        .map(([pack, c]) => [
          pack === "floor" ? "no-op pack (floor)" : pack,
          fmt.ms(c.readyMs),
          fmt.ms(c.firstAnalysisMs),
        ]),
    ),
  );
  const value = {
    ratio: (x) => (x == null ? "-" : x.toFixed(2)),
    ms: fmt.int,
    bytes: fmt.mb,
    rate: fmt.int,
  };
  section(
    "Targets",
    table(
      ["target", "measured", "goal", "met"],
      r.targets.map((t) => [
        t.name,
        value[t.unit](t.measured),
        `${t.kind === "max" ? "≤" : "≥"} ${value[t.unit](t.target)}`,
        t.met == null ? "n/a" : t.met ? "yes" : "NO",
      ]),
    ),
  );
  out.write(`${lines.join("\n")}\n`);
}

module.exports = { printTable, table };
