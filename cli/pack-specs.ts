import * as fs from "fs";
import * as path from "path";
import { readPolicyPackConfigFile } from "./analyzer/config";
import type { PackSpec } from "./analyzer/start-pack";
import { ConfigError } from "./errors";
import { DEFAULT_POLICY_PACK_DIR } from "./package-root";

/** A pack directory with its config file (if any), read now. */
function withConfig(
  dir: string,
  configFile: string | undefined,
  resolve: (p: string) => string,
): PackSpec {
  return {
    dir,
    config: configFile ? readPolicyPackConfigFile(resolve(configFile)) : {},
  };
}

/** The built-in aigov pack with its `--aigov-config` file. */
export function builtInPack(
  aigovConfig: string | undefined,
  resolve: (p: string) => string,
): PackSpec {
  if (!fs.existsSync(path.join(DEFAULT_POLICY_PACK_DIR, "PulumiPolicy.yaml"))) {
    throw new ConfigError(
      `the built-in aigov policy pack is missing at ${DEFAULT_POLICY_PACK_DIR} (use --no-default-pack to run without it)`,
    );
  }
  return { ...withConfig(DEFAULT_POLICY_PACK_DIR, aigovConfig, resolve), builtIn: true };
}

/** The built-in pack (unless disabled) and every `--policy-pack`, each with its config file. */
export function packSpecs(
  values: {
    "policy-pack"?: string[];
    "policy-pack-config"?: string[];
    "aigov-config"?: string;
    "no-default-pack"?: boolean;
  },
  resolve: (p: string) => string,
): PackSpec[] {
  const dirs = values["policy-pack"] ?? [];
  const configs = values["policy-pack-config"] ?? [];
  if (configs.length > 0 && configs.length !== dirs.length) {
    throw new ConfigError(
      `${configs.length} --policy-pack-config files for ${dirs.length} --policy-pack directories: ` +
        "give one config per pack, in the same order",
    );
  }
  const specs = dirs.map((dir, i) => withConfig(resolve(dir), configs[i], resolve));
  const aigovConfig = values["aigov-config"];
  if (values["no-default-pack"]) {
    if (aigovConfig) {
      throw new ConfigError(
        "--aigov-config configures the built-in pack, which --no-default-pack turns off",
      );
    }
    return specs;
  }
  return [builtInPack(aigovConfig, resolve), ...specs];
}
