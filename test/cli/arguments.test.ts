import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../cli/errors";
import { HELP, parseInvocation } from "../../cli/main";

const cwd = "/work/repo";

describe("parseInvocation", () => {
  test("resolves paths against the working directory and pairs configs with packs in order", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-args-"));
    fs.writeFileSync(path.join(dir, "a.json"), '{"all": "mandatory"}');
    fs.writeFileSync(path.join(dir, "b.json"), "");
    try {
      expect(
        parseInvocation(
          [
            "check",
            "infra",
            "--stack",
            "prod",
            "--no-default-pack",
            "--policy-pack",
            "packs/a",
            "--policy-pack",
            "/abs/b",
          ]
            .concat([
              "--policy-pack-config",
              path.join(dir, "a.json"),
              "--policy-pack-config",
              path.join(dir, "b.json"),
            ])
            .concat(["--format", "sarif", "--output", "out/report.sarif", "--quiet"]),
          cwd,
        ),
      ).toEqual({
        command: "check",
        programDir: "/work/repo/infra",
        stack: "prod",
        stateFile: undefined,
        packs: [
          { dir: "/work/repo/packs/a", config: { all: { enforcementLevel: "mandatory" } } },
          { dir: "/abs/b", config: {} },
        ],
        format: "sarif",
        output: "/work/repo/out/report.sarif",
        quiet: true,
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("check defaults to the current directory and the text format", () => {
    expect(parseInvocation(["check", "--no-default-pack"], cwd)).toMatchObject({
      command: "check",
      programDir: cwd,
      packs: [],
      format: "text",
      quiet: false,
    });
  });

  test("policy-config takes a program, --stack, --aigov-config and --output", () => {
    expect(
      parseInvocation(["policy-config", "infra", "--stack", "prod", "--output", "p.json"], cwd),
    ).toMatchObject({
      command: "policy-config",
      programDir: "/work/repo/infra",
      stack: "prod",
      output: "/work/repo/p.json",
      packs: [{ config: {}, builtIn: true }],
    });
  });

  test("audit takes --state", () => {
    expect(parseInvocation(["audit", "--state", "s.json", "--no-default-pack"], cwd)).toMatchObject(
      {
        command: "audit",
        stateFile: "/work/repo/s.json",
      },
    );
  });

  test("cost takes the program options, --state, --html and the text, json or markdown format", () => {
    expect(
      parseInvocation(
        ["cost", "infra", "--stack", "org/prod", "--format", "markdown", "--html", "c.html"],
        cwd,
      ),
    ).toEqual({
      command: "cost",
      programDir: "/work/repo/infra",
      stack: "org/prod",
      stateFile: undefined,
      packs: [],
      format: "markdown",
      output: undefined,
      html: "/work/repo/c.html",
      quiet: false,
    });
    expect(parseInvocation(["cost", "--state", "s.json", "--quiet"], cwd)).toMatchObject({
      command: "cost",
      stateFile: "/work/repo/s.json",
      quiet: true,
    });
  });

  test.each([
    [["--help"], { help: "main" }],
    [["-h"], { help: "main" }],
    [["check", "-h"], { help: "check" }],
    [["cost", "--help"], { help: "cost" }],
    [["audit", "--help"], { help: "audit" }],
    [["help", "cost"], { help: "cost" }],
    [["help"], { help: "main" }],
    [["deploy", "--help"], { help: "main" }],
    [["--version"], "version"],
  ])("%j is %j", (argv, expected) => {
    expect(parseInvocation(argv, cwd)).toEqual(expected);
  });

  test("every command's help names its options", () => {
    for (const option of ["--stack", "--policy-pack", "--policy-pack-config", "--aigov-config"]) {
      expect(HELP.check).toContain(option);
    }
    for (const option of ["--stack", "--state", "--format", "--output", "--html", "--quiet"]) {
      expect(HELP.cost).toContain(option);
    }
    expect(HELP.audit).toContain("--state FILE");
    for (const command of ["check", "cost", "audit", "policy-config", "portfolio"]) {
      expect(HELP.main).toContain(`  ${command} `);
    }
    for (const option of ["--stack", "--aigov-config", "--output"]) {
      expect(HELP["policy-config"]).toContain(option);
    }
    for (const text of Object.values(HELP)) {
      expect(text).toMatch(/exit codes: 0 /);
      expect(Math.max(...text.split("\n").map((l) => l.length))).toBeLessThanOrEqual(100);
    }
  });

  test.each([
    [[], "missing command: use check, cost, audit, policy-config or portfolio (see aigov --help)"],
    [
      ["policy-config", "--format", "json"],
      "--format does not apply to aigov policy-config (it writes the aigov pack's config as JSON)",
    ],
    [
      ["policy-config", "--no-default-pack"],
      "--no-default-pack does not apply to aigov policy-config (it writes the aigov pack's config as JSON)",
    ],
    [["policy-config", "a", "b"], "policy-config takes one PROGRAM_DIR, got 2: a b"],
    [["check", "a", "b"], "check takes one PROGRAM_DIR, got 2: a b"],
    [["check", "--state", "s.json"], "--state belongs to aigov audit; aigov check runs a program"],
    [
      ["audit", "dir", "--state", "s.json"],
      "audit reads a state file: pass --state FILE (no PROGRAM_DIR or --stack)",
    ],
    [
      ["audit", "--no-default-pack"],
      "audit needs --state FILE (the output of pulumi stack export)",
    ],
    [
      ["check", "--format", "html"],
      '--format must be one of text, json, markdown, sarif, not "html"',
    ],
    [
      ["cost", "--format", "sarif"],
      '--format must be one of text, json, markdown for aigov cost, not "sarif"',
    ],
    [
      ["cost", "--policy-pack", "p"],
      "--policy-pack belongs to aigov check and audit: aigov cost runs no policy packs",
    ],
    [
      ["cost", "--no-default-pack"],
      "--no-default-pack belongs to aigov check and audit: aigov cost runs no policy packs",
    ],
    [
      ["cost", "dir", "--state", "s.json"],
      "aigov cost takes a PROGRAM_DIR (with --stack) or --state FILE, not both",
    ],
    [["cost", "a", "b"], "cost takes one PROGRAM_DIR, got 2: a b"],
    [["check", "--html", "c.html"], "--html belongs to aigov cost (the HTML cost report)"],
    [
      [
        "check",
        "--policy-pack",
        "a",
        "--policy-pack-config",
        "a.json",
        "--policy-pack-config",
        "b.json",
      ],
      "2 --policy-pack-config files for 1 --policy-pack directories: give one config per pack, in the same order",
    ],
    [
      ["check", "--no-default-pack", "--aigov-config", "c.json"],
      "--aigov-config configures the built-in pack, which --no-default-pack turns off",
    ],
    [
      [
        "check",
        "--no-default-pack",
        "--policy-pack",
        "p",
        "--policy-pack-config",
        "/nonexistent/c.json",
      ],
      "cannot read policy pack config /nonexistent/c.json: ENOENT: no such file or directory, open '/nonexistent/c.json'",
    ],
  ])("rejects %j", (argv, message) => {
    expect(() => parseInvocation(argv, cwd)).toThrow(new ConfigError(message));
  });
});
