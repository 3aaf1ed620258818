/** Exit codes of the `aigov` CLI (docs/contract.md §5). */
export const ExitCode = {
  ok: 0,
  programFailed: 1,
  badConfiguration: 2,
  mandatoryViolations: 5,
} as const;

/** An error the CLI reports on stderr and turns into an exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** What the CLI prints on stderr, each as `error: <message>`. */
  messages(): readonly string[] {
    return [this.message];
  }
}

/** Bad arguments or configuration (exit 2): the message names what to fix. */
export class ConfigError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.badConfiguration);
  }
}

/**
 * Policy packs' config that fails the policies' schemas (exit 2): one `error:` line per problem,
 * `validating policy config: <pack> <version>  <policy>: <problem>`, sorted, as the Pulumi CLI
 * prints them.
 */
export class PolicyConfigError extends ConfigError {
  constructor(readonly lines: readonly string[]) {
    super(lines.join("\n"));
  }

  override messages(): readonly string[] {
    return this.lines;
  }
}

/** A policy pack could not be started, configured or run (exit 2). */
export class PolicyPackError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.badConfiguration);
  }
}

/** The Pulumi program failed (exit 1); the message carries the program's error and stack. */
export class ProgramError extends CliError {
  constructor(message: string) {
    super(message, ExitCode.programFailed);
  }
}
