import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { compilerOptions } from "../../cli/program/ts-register";

/** Stack traces of TypeScript programs name the real files, whatever the program's tsconfig. */
let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-ts-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The file the inline source map of `file`'s compiled code names as its source. */
function mappedSource(file: string): string {
  const { outputText } = ts.transpileModule("export const x: number = 1;\n", {
    compilerOptions: compilerOptions(ts, dir),
    fileName: file,
  });
  const base64 = /sourceMappingURL=data:application\/json;base64,(.*)$/m.exec(outputText)?.[1];
  const map = JSON.parse(Buffer.from(base64 as string, "base64").toString("utf8"));
  return path.resolve(path.dirname(file), map.sourceRoot ?? "", map.sources[0]);
}

test.each([
  ["outDir", { outDir: "bin", sourceMap: true }],
  ["outDir and rootDir", { outDir: "dist", rootDir: ".", sourceRoot: "/src" }],
  ["no layout", {}],
])("with %s in tsconfig.json the source map names the file itself", (_, options) => {
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options }));
  const file = path.join(dir, "lib", "thing.ts");
  expect(mappedSource(file)).toBe(file);
  expect(mappedSource(path.join(dir, "index.ts"))).toBe(path.join(dir, "index.ts"));
});
