import * as fs from "fs";

/** The property names of a resource type, read from its generated SDK class. */
export interface TypeSchema {
  /** Properties the program may set. */
  readonly inputs: ReadonlySet<string>;
  /** Properties the provider computes (not settable). */
  readonly computed: ReadonlySet<string>;
}

const INPUT = /resourceInputs\["(\w+)"\] = [^;\n]*\bargs\b/g;
const COMPUTED = /resourceInputs\["(\w+)"\] = undefined \/\*out\*\//g;

/**
 * Looks up resource schemas in the SDKs the program loaded. Pulumi's code generator writes one
 * class per resource type (`aws:sagemaker/model:Model` → `@pulumi/aws/sagemaker/model.js`) whose
 * constructor assigns every input from `args` (`resourceInputs["name"] = args?.name`) and every computed
 * output (`resourceInputs["arn"] = undefined /*out*\/`); that is the only schema available
 * offline. Types whose class cannot be found have no schema.
 */
export class SdkSchemas {
  private readonly cache = new Map<string, TypeSchema | undefined>();

  constructor(private readonly programDir: string) {}

  get(type: string): TypeSchema | undefined {
    if (!this.cache.has(type)) {
      this.cache.set(type, this.read(type));
    }
    return this.cache.get(type);
  }

  private read(type: string): TypeSchema | undefined {
    const [pkg, module] = type.split(":");
    if (!pkg || !module?.includes("/")) {
      return undefined;
    }
    const modulePath = module.startsWith("index/") ? module.slice("index/".length) : module;
    let source: string;
    try {
      const file = require.resolve(`@pulumi/${pkg}/${modulePath}`, { paths: [this.programDir] });
      source = fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
    if (!source.includes(`__pulumiType = '${type}'`)) {
      return undefined;
    }
    const names = (re: RegExp) => new Set([...source.matchAll(re)].map((m) => m[1]));
    return { inputs: names(INPUT), computed: names(COMPUTED) };
  }
}
