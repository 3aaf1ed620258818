import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { ResourceOptions } from "../model";

const DURATION_UNITS: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600,
};

/** Seconds in a Go duration string (`"1h30m"`, `"90s"`), as the engine converts custom timeouts. */
export function durationSeconds(duration: string | undefined): number {
  let seconds = 0;
  for (const [, amount, unit] of (duration ?? "").matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)) {
    seconds += Number(amount) * DURATION_UNITS[unit];
  }
  return seconds;
}

/** The resource options of a registration, as the engine hands them to analyzers. */
export function optionsOf(req: resproto.RegisterResourceRequest): ResourceOptions {
  const timeouts = req.getCustomtimeouts();
  const aliasUrns = req
    .getAliasesList()
    .map((alias) => alias.getUrn())
    .filter((urn) => urn !== "");
  return {
    protect: req.getProtect() ?? false,
    ignoreChanges: req.getIgnorechangesList(),
    deleteBeforeReplace: req.getDeletebeforereplacedefined()
      ? req.getDeletebeforereplace()
      : undefined,
    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
    aliases: [...aliasUrns, ...req.getAliasurnsList()],
    customTimeouts: {
      create: durationSeconds(timeouts?.getCreate()),
      update: durationSeconds(timeouts?.getUpdate()),
      delete: durationSeconds(timeouts?.getDelete()),
    },
  };
}

/** Property → URNs it depends on. */
export function propertyDependenciesOf(
  map: ReturnType<resproto.RegisterResourceRequest["getPropertydependenciesMap"]>,
): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [key, deps] of map.entries()) {
    result[key] = deps.getUrnsList();
  }
  return result;
}
