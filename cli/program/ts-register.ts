import * as fs from "fs";
import * as path from "path";
import type * as TS from "typescript";

type ExtensionHandler = (module: NodeJS.Module, filename: string) => void;
type CompilableModule = NodeJS.Module & { _compile(code: string, filename: string): void };

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * Lets `require` load `.ts` files outside `node_modules` by transpiling them (no type check) with
 * the TypeScript compiler installed for `projectDir` (else ours), honouring the compiler options of
 * `projectDir/tsconfig.json` except the module format, which is always CommonJS. The compiler is
 * loaded, and source maps enabled, on the first `.ts` file, so JavaScript programs pay nothing.
 * Does nothing when a `.ts` loader is already registered.
 */
export function registerTypeScript(projectDir: string): void {
  const extensions = require.extensions as Record<string, ExtensionHandler>;
  if (extensions[".ts"]) {
    return;
  }
  let compiler: { ts: typeof TS; options: TS.CompilerOptions } | undefined;
  const loadJs = extensions[".js"];
  extensions[".ts"] = (module, filename) => {
    if (filename.includes(NODE_MODULES)) {
      loadJs(module, filename);
      return;
    }
    if (!compiler) {
      compiler = loadCompiler(projectDir);
      // Only once TypeScript runs: source-mapped stack traces make every `new Error().stack` (the
      // Pulumi runtime takes one per promise it tracks) several times slower.
      process.setSourceMapsEnabled(true);
    }
    const { outputText } = compiler.ts.transpileModule(fs.readFileSync(filename, "utf8"), {
      compilerOptions: compiler.options,
      fileName: filename,
    });
    (module as CompilableModule)._compile(outputText, filename);
  };
}

function loadCompiler(projectDir: string): { ts: typeof TS; options: TS.CompilerOptions } {
  // The program's own compiler when it has one, found at run time.
  const file = require.resolve("typescript", { paths: [projectDir, __dirname] });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require(file) as typeof TS;
  return { ts, options: compilerOptions(ts, projectDir) };
}

/** The options `.ts` files of `projectDir` are compiled with (its tsconfig, in memory, CommonJS). */
export function compilerOptions(ts: typeof TS, projectDir: string): TS.CompilerOptions {
  const base: TS.CompilerOptions = { target: ts.ScriptTarget.ES2022 };
  const configFile = path.join(projectDir, "tsconfig.json");
  if (fs.existsSync(configFile)) {
    const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
    const raw = (config as { compilerOptions?: unknown } | undefined)?.compilerOptions ?? {};
    Object.assign(base, ts.convertCompilerOptionsFromJson(raw, projectDir).options);
  }
  return {
    ...base,
    // Compiled in memory next to its source: an output layout (`outDir`, `rootDir`, source roots)
    // would make the source map name files relative to where the output would be, so stack
    // traces would point at the wrong files.
    outDir: undefined,
    outFile: undefined,
    rootDir: undefined,
    sourceRoot: undefined,
    mapRoot: undefined,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    sourceMap: false,
    inlineSourceMap: true,
    inlineSources: false,
    declaration: false,
    noEmit: false,
  };
}
