import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { parse as parseYaml } from "yaml";
import { COMMANDS } from "../../cli/main";
import { LIFECYCLE_COMMANDS } from "../../cli/lifecycle-args";
import { ConfigKey, parseStackConfig } from "../../sdk";
import { CodeBlock, codeBlocks, markdownFiles, repoRoot } from "./code-blocks";

// Every code block in the docs is checked, so the docs cannot rot: TypeScript is type-checked against
// the package, YAML and JSON are parsed (and `aigov:*` stack config validated), shell commands are
// checked against the scripts, paths and CLI commands they name.

const blocks = markdownFiles().flatMap(codeBlocks);
const where = (b: CodeBlock) => `${b.file}:${b.line}`;
const ofLang = (...langs: string[]) => blocks.filter((b) => langs.includes(b.lang));

test("every code block declares a language", () => {
  expect(blocks.filter((b) => b.lang === "").map(where)).toEqual([]);
});

test("TypeScript blocks type-check against the package", () => {
  const tsBlocks = ofLang("ts", "typescript");
  if (tsBlocks.length === 0) return;
  const dir = fs.mkdtempSync(path.join(repoRoot, "test", "docs", ".blocks-"));
  try {
    const files = tsBlocks.map((b, i) => {
      const file = path.join(dir, `block${i}.ts`);
      fs.writeFileSync(file, `${b.code}\nexport {};\n`);
      return { file, block: b };
    });
    const parsed = ts.getParsedCommandLineOfConfigFile(
      path.join(repoRoot, "tsconfig.json"),
      {},
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (d) => {
          throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
        },
      },
    );
    const options = { ...parsed!.options, noEmit: true, noUnusedLocals: false };
    const program = ts.createProgram(
      files.map((f) => f.file),
      options,
    );
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.some((f) => f.file === d.file!.fileName))
      .map((d) => {
        const { block } = files.find((f) => f.file === d.file!.fileName)!;
        const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${block.file}:${block.line + 1 + line}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`;
      });
    expect(problems).toEqual([]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 180_000);

test("YAML blocks parse, and aigov stack config in them is valid", () => {
  const problems: string[] = [];
  for (const b of ofLang("yaml", "yml")) {
    let doc: { config?: Record<string, unknown> } | null;
    try {
      doc = parseYaml(b.code);
    } catch (e) {
      problems.push(`${where(b)}: ${(e as Error).message}`);
      continue;
    }
    const config = doc?.config;
    if (config && Object.keys(config).some((k) => k.startsWith("aigov:"))) {
      try {
        parseStackConfig((key: ConfigKey) => config[`aigov:${key}`]);
      } catch (e) {
        problems.push(`${where(b)}: ${(e as Error).message}`);
      }
    }
  }
  expect(problems).toEqual([]);
});

test("JSON blocks parse", () => {
  const problems: string[] = [];
  for (const b of ofLang("json")) {
    try {
      JSON.parse(b.code);
    } catch (e) {
      problems.push(`${where(b)}: ${(e as Error).message}`);
    }
  }
  expect(problems).toEqual([]);
});

test("shell blocks only name npm scripts, paths and commands that exist", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"));
  const problems: string[] = [];
  for (const b of ofLang("sh", "bash", "shell")) {
    for (const raw of b.code.split("\n")) {
      const line = raw.replace(/#.*$/, "").trim();
      for (const command of line
        .split(/&&|\|\|/)
        .map((c) => c.trim())
        .filter(Boolean)) {
        const words = command.split(/\s+/);
        if (words[0] === "npm" && words[1] === "run" && !pkg.scripts[words[2]]) {
          problems.push(`${where(b)}: npm script "${words[2]}" does not exist`);
        }
        if (words[0] === "npx" && words[1] === "aigov") {
          for (const w of words.slice(3)) {
            if (
              /^(examples|test|policy-packs|docs)\//.test(w) &&
              !fs.existsSync(path.join(repoRoot, w))
            ) {
              problems.push(`${where(b)}: path ${w} does not exist`);
            }
          }
          if (![...COMMANDS, ...LIFECYCLE_COMMANDS, "--help", "--version"].includes(words[2])) {
            problems.push(`${where(b)}: unknown aigov command "${words[2]}"`);
          }
        }
      }
    }
  }
  expect(problems).toEqual([]);
});
