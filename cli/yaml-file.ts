import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import type { z } from "zod";
import { ConfigError } from "./errors";

/**
 * Reads a YAML file and checks it against `schema`; a malformed file is a {@link ConfigError}
 * naming the file and the first problem.
 */
export function readYamlFile<T>(file: string, schema: z.ZodType<T>): T {
  const name = path.basename(file);
  let document: unknown;
  try {
    document = YAML.parse(fs.readFileSync(file, "utf8"));
  } catch (err) {
    const reason = (err as Error).message.split("\n")[0].replace(/:$/, "");
    throw new ConfigError(`${name} is not valid YAML: ${reason}`);
  }
  const result = schema.safeParse(document);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    throw new ConfigError(`${name}: ${where}${issue.message}`);
  }
  return result.data;
}
