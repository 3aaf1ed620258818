import * as fs from "fs";
import * as path from "path";
import { z } from "zod";
import { ConfigError } from "./errors";
import { SECRET_MASK } from "./properties";
import { jsonPath } from "./json-path";
import { readYamlFile } from "./yaml-file";

/**
 * What a `secure:` config value is replaced with: there is no way to decrypt it offline, so the
 * program sees this placeholder, and the key is marked secret as the Pulumi CLI does.
 */
export const SECRET_CONFIG_PLACEHOLDER = SECRET_MASK;

/** The organization of stacks in a self-managed backend, as the Pulumi CLI names it. */
export const ORGANIZATION = "organization";

/** A Pulumi project and the stack configuration the program runs with. */
export interface Project {
  readonly name: string;
  /** Absolute directory of `Pulumi.yaml`. */
  readonly dir: string;
  /** Absolute path of the program entry (a file or a directory), from `main`. */
  readonly main: string;
  /** False when the runtime options turn TypeScript off. */
  readonly typescript: boolean;
  readonly stack: string;
  /** Config as the Pulumi CLI passes it to programs: `<namespace>:<key>` → string. */
  readonly config: Readonly<Record<string, string>>;
  /** Config keys whose values are secret. */
  readonly secretKeys: readonly string[];
}

const runtimeSchema = z.union([
  z.string(),
  z.looseObject({ name: z.string(), options: z.record(z.string(), z.unknown()).nullish() }),
]);

const projectSchema = z.looseObject({
  name: z.string().min(1),
  runtime: runtimeSchema,
  main: z.string().nullish(),
  config: z.record(z.string(), z.unknown()).nullish(),
});

const stackSchema = z
  .looseObject({ config: z.record(z.string(), z.unknown()).nullish() })
  .nullish();

const PROJECT_FILES = ["Pulumi.yaml", "Pulumi.yml"];
const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** Reads `Pulumi.yaml` and the stack's `Pulumi.<stack>.yaml` in `dir`. */
export function readProject(dir: string, stackOption?: string): Project {
  const absDir = path.resolve(dir);
  const projectFile = PROJECT_FILES.map((f) => path.join(absDir, f)).find((f) => fs.existsSync(f));
  if (!projectFile) {
    throw new ConfigError(
      `no Pulumi.yaml in ${absDir}: pass the directory of a Pulumi program (aigov check PROGRAM_DIR)`,
    );
  }
  const project = readYamlFile(projectFile, projectSchema);
  const runtime = typeof project.runtime === "string" ? { name: project.runtime } : project.runtime;
  if (runtime.name !== "nodejs") {
    throw new ConfigError(
      `${path.basename(projectFile)}: runtime "${runtime.name}" is not supported: aigov check runs nodejs programs`,
    );
  }
  const options = "options" in runtime ? (runtime.options ?? {}) : {};

  const stack = selectStack(absDir, stackOption);
  const values = new ConfigCollector(project.name);
  for (const [key, value] of Object.entries(project.config ?? {})) {
    values.addProjectDefault(key, value);
  }
  const stackFile = findStackFile(absDir, stack);
  if (stackFile) {
    const stackConfig = readYamlFile(stackFile, stackSchema)?.config ?? {};
    for (const [key, value] of Object.entries(stackConfig)) {
      values.add(key, value, path.basename(stackFile));
    }
  }

  return {
    name: project.name,
    dir: absDir,
    main: path.resolve(absDir, project.main ?? "."),
    typescript: options.typescript !== false,
    stack,
    config: values.config,
    secretKeys: [...values.secretKeys],
  };
}

/**
 * `--stack` (its last `/` segment), which must have its `Pulumi.<stack>.yaml` as the Pulumi CLI
 * knows no stack it has not got; else the only `Pulumi.<stack>.yaml`, else `dev`.
 */
function selectStack(dir: string, stackOption: string | undefined): string {
  const stacks = fs
    .readdirSync(dir)
    .map((f) => STACK_FILE.exec(f)?.[1])
    .filter((s): s is string => s !== undefined)
    .sort();
  const known = stacks.length > 0 ? `its stacks: ${stacks.join(", ")}` : "it has no stack file";
  if (stackOption) {
    const stack = stackOption.split("/").pop() as string;
    if (!stacks.includes(stack)) {
      throw new ConfigError(
        `no stack named "${stack}" found: ${dir} has no Pulumi.${stack}.yaml (${known}); ` +
          "check --stack, or create the file (it may be empty) for a stack without config",
      );
    }
    return stack;
  }
  if (stacks.length > 1 && !stacks.includes("dev")) {
    throw new ConfigError(`no stack selected: ${dir} has several (${known}); pass --stack NAME`);
  }
  return stacks.length === 1 ? stacks[0] : "dev";
}

function findStackFile(dir: string, stack: string): string | undefined {
  return [`Pulumi.${stack}.yaml`, `Pulumi.${stack}.yml`]
    .map((f) => path.join(dir, f))
    .find((f) => fs.existsSync(f));
}

const SCHEMA_KEYS = ["type", "default", "description", "secret", "items"];

class ConfigCollector {
  readonly config: Record<string, string> = {};
  readonly secretKeys = new Set<string>();

  constructor(private readonly project: string) {}

  /** A `Pulumi.yaml` config entry: a plain value or a `{type, default, …}` declaration. */
  addProjectDefault(key: string, value: unknown): void {
    const declaration =
      typeof value === "object" && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
    if (declaration && Object.keys(declaration).some((k) => SCHEMA_KEYS.includes(k))) {
      if ("default" in declaration) {
        this.add(key, declaration.default);
      }
      return;
    }
    this.add(key, value);
  }

  add(key: string, value: unknown, file = "Pulumi.yaml"): void {
    const fullKey = key.includes(":") ? key : `${this.project}:${key}`;
    const infinite = nonFinitePath(value);
    if (infinite) {
      throw new ConfigError(
        `${file}: ${fullKey}${infinite.path.length > 0 ? jsonPath(infinite.path).replace(/^(?!\[)/, ".") : ""}: ${infinite.value} is not a number config can carry (YAML .inf and .nan have no JSON form); use a finite number`,
      );
    }
    let secret = false;
    const replaceSecure = (v: unknown): unknown => {
      if (isSecure(v)) {
        secret = true;
        return SECRET_CONFIG_PLACEHOLDER;
      }
      if (Array.isArray(v)) {
        return v.map(replaceSecure);
      }
      if (typeof v === "object" && v !== null) {
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replaceSecure(x)]));
      }
      return v;
    };
    const plain = replaceSecure(value);
    this.config[fullKey] =
      typeof plain === "string"
        ? plain
        : plain === null || plain === undefined
          ? ""
          : typeof plain === "object"
            ? JSON.stringify(plain)
            : String(plain);
    if (secret) {
      this.secretKeys.add(fullKey);
    } else {
      this.secretKeys.delete(fullKey);
    }
  }
}

/** The path of the first infinite or NaN number in a config value, if any. */
function nonFinitePath(value: unknown): { path: PropertyKey[]; value: string } | undefined {
  if (typeof value === "number" && !Number.isFinite(value)) {
    return { path: [], value: Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf" };
  }
  if (typeof value === "object" && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const found = nonFinitePath(v);
      if (found) return { ...found, path: [Array.isArray(value) ? Number(k) : k, ...found.path] };
    }
  }
  return undefined;
}

function isSecure(value: unknown): boolean {
  return (
    typeof value === "object" &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as Record<string, unknown>).secure === "string"
  );
}
