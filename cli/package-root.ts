import * as fs from "fs";
import * as path from "path";

const PACKAGE_NAME = "aigov";

function findPackageRoot(from: string): { dir: string; version: string } {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (fs.existsSync(manifest)) {
      const { name, version } = JSON.parse(fs.readFileSync(manifest, "utf8"));
      if (name === PACKAGE_NAME) {
        return { dir, version };
      }
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`cannot find the ${PACKAGE_NAME} package above ${from}`);
    }
  }
}

const root = findPackageRoot(__dirname);

/** The directory of the `aigov` package (sources or installed), whichever this file runs from. */
export const PACKAGE_ROOT = root.dir;
export const PACKAGE_VERSION: string = root.version;

/** The built-in `aigov` policy pack that `aigov check` runs unless `--no-default-pack`. */
export const DEFAULT_POLICY_PACK_DIR = path.join(PACKAGE_ROOT, "policy-packs", "aigov");
