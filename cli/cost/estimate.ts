import {
  type AigovStackConfig,
  type CostAnalysis,
  ConfigError as StackConfigError,
  analyzeCost as analyzeGraph,
  parseStackConfig,
} from "../../sdk";
import { ConfigError } from "../errors";
import type { StackResource } from "../model";
import { stackGraph } from "./stack";

export { cents } from "../../sdk";

export interface CostOptions {
  /**
   * Stack config (`<namespace>:<key>` → string): `aigov:pricing`, `aigov:usage`, `aigov:budgets`
   * and `aigov:defaults` are read.
   */
  readonly config?: Readonly<Record<string, string>>;
}

/** Parses the `aigov:*` stack config; bad config is exit 2, naming every key path at once. */
export function readAigovConfig(config: Readonly<Record<string, string>>): AigovStackConfig {
  try {
    return parseStackConfig((key) => config[`aigov:${key}`]);
  } catch (err) {
    if (err instanceof StackConfigError) {
      throw new ConfigError(err.message);
    }
    throw err;
  }
}

/**
 * The sdk's cost estimate (what the `aigov-budget-headroom` policy judges) of the resources of a
 * stack, with the stack's `aigov:*` config.
 */
export function analyzeCost(
  resources: readonly StackResource[],
  options: CostOptions = {},
): CostAnalysis {
  return analyzeGraph(stackGraph(resources), readAigovConfig(options.config ?? {}));
}
