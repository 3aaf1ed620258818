import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigError } from "../../cli/errors";
import { parseInvocation } from "../../cli/main";

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
          {
            dir: "/work/repo/packs/a",
            config: { all: { enforcementLevel: "mandatory" } },
            configSource: path.join(dir, "a.json"),
          },
          { dir: "/abs/b", config: {}, configSource: path.join(dir, "b.json") },
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

  test("audit takes --state", () => {
    expect(parseInvocation(["audit", "--state", "s.json", "--no-default-pack"], cwd)).toMatchObject(
      {
        command: "audit",
        stateFile: "/work/repo/s.json",
      },
    );
  });

  test.each([
    [["--help"], "help"],
    [["check", "-h"], "help"],
    [["--version"], "version"],
  ])("%j is %s", (argv, expected) => {
    expect(parseInvocation(argv, cwd)).toBe(expected);
  });

  test.each([
    [[], "missing command: use check or audit (see aigov --help)"],
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
