"use strict";
// Synthetic portfolios: N AI assets over AWS, GCP and Kubernetes, as Pulumi programs.
const fs = require("fs");
const path = require("path");

const CLOUDS = ["aws", "gcp", "k8s"];
const STAGES = ["experimental", "staging", "production", "staging"];
const TEAMS = 20;

/** The assets of a portfolio of `n`: the clouds in turn, 20 teams, a mix of stages. */
function portfolio(n) {
  // Each team's budget covers the minimum cost of all its endpoints (about $600 a month each).
  const teamBudgetUsd = 1000 * Math.ceil(n / TEAMS) + 5000;
  return Array.from({ length: n }, (_, i) => {
    const team = `team-${i % TEAMS}`;
    return {
      id: `asset-${i}`,
      cloud: CLOUDS[i % CLOUDS.length],
      // Kubernetes assets alternate between EKS and GKE clusters.
      cluster: Math.floor(i / CLOUDS.length) % 2 ? "gke" : "eks",
      team,
      costCenter: `CC-${1000 + (i % TEAMS)}`,
      stage: STAGES[i % STAGES.length],
      dataClassification: i % 2 ? "confidential" : "internal",
      teamBudgetUsd,
    };
  });
}

/** Writes a Pulumi project (JavaScript, stack `bench`) whose index.js is `source`. */
function writeProject(dir, name, source, files) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
  fs.writeFileSync(
    path.join(dir, "Pulumi.bench.yaml"),
    "config:\n  aws:region: eu-west-1\n  gcp:project: acme-ml\n",
  );
  fs.writeFileSync(path.join(dir, "index.js"), source);
  for (const [file, data] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, file), JSON.stringify(data));
  }
}

/** The program that declares the portfolio with the aigov components. */
function writeComponentsProgram(dir, assets) {
  const template = path.join(__dirname, "programs", "components.js");
  writeProject(
    dir,
    "bench-components",
    `"use strict";\nrequire(${JSON.stringify(template)})(require("./assets.json"));\n`,
    { "assets.json": assets },
  );
}

module.exports = { portfolio, writeComponentsProgram, writeProject, CLOUDS };
