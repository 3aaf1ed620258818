import * as path from "path";
import { builtInPack } from "../../cli/pack-specs";
import type { PortfolioResult } from "../../cli/portfolio/model";
import { runPortfolio } from "../../cli/portfolio/run";
import { Progress } from "../../cli/progress";

/** The example export set of `aigov portfolio`. */
export const EXAMPLE_EXPORTS = path.join(__dirname, "..", "..", "examples", "portfolio", "exports");

/** The review of the example export set as of 2026-12-01, in-process, with the built-in pack. */
export async function examplePortfolio(): Promise<PortfolioResult> {
  const warnings: string[] = [];
  const result = await runPortfolio({
    paths: [EXAMPLE_EXPORTS],
    pack: builtInPack(undefined, (p) => p),
    asOf: "2026-12-01",
    keepGoing: false,
    progress: new Progress(process.stderr, false),
    warn: (m) => warnings.push(m),
  });
  if (warnings.length > 0) throw new Error(`unexpected warnings: ${warnings.join("; ")}`);
  return result;
}
