// The governed model registry template (`pulumi new`): for the cloud in `aigov-registry:cloud`
// (`aws`, `gcp` or `k8s`), a governed registry with auto-archival per model listed in
// `aigov-registry:models`, an endpoint for each model that has one, and the budget alarms of
// `aigov:budgets`. Owner, team, cost center and data classification come from `aigov:defaults`.
// Bad configuration fails before anything is registered, with every problem at once.
import { buildAws } from "./aws";
import { readTemplateConfig } from "./config";
import { buildGcp } from "./gcp";
import { buildK8s } from "./k8s";

const cfg = readTemplateConfig();
const stack =
  cfg.cloud === "aws" ? buildAws(cfg) : cfg.cloud === "gcp" ? buildGcp(cfg) : buildK8s(cfg);

export const cloud = cfg.cloud;
export const models = stack.models;
export const budgets = stack.budgets;
