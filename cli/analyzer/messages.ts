import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PropertyMap } from "../model";
import type { JsonSchema } from "./json-schema";
import type { EnforcementLevel, PolicyMetadata, PolicyPackConfig } from "./config";

/**
 * The Analyzer protocol messages of a pack's configuration and description. The requests that
 * carry resources are written directly in the wire format (`wire.ts`).
 */

const LEVELS: Record<EnforcementLevel, pb.EnforcementLevel> = {
  advisory: pb.EnforcementLevel.ADVISORY,
  mandatory: pb.EnforcementLevel.MANDATORY,
  remediate: pb.EnforcementLevel.REMEDIATE,
  disabled: pb.EnforcementLevel.DISABLED,
};

export function levelName(level: pb.EnforcementLevel): EnforcementLevel {
  const name = (Object.keys(LEVELS) as EnforcementLevel[]).find((k) => LEVELS[k] === level);
  if (!name) {
    throw new Error(`invalid enforcement level ${level}`);
  }
  return name;
}

export function configureRequest(config: PolicyPackConfig): pb.ConfigureAnalyzerRequest {
  const request = new pb.ConfigureAnalyzerRequest();
  const map = request.getPolicyconfigMap();
  for (const [name, entry] of Object.entries(config)) {
    const policyConfig = new pb.PolicyConfig()
      .setEnforcementlevel(LEVELS[entry.enforcementLevel ?? "advisory"])
      .setProperties(Struct.fromJavaScript((entry.properties ?? {}) as never));
    map.set(name, policyConfig);
  }
  return request;
}

export function policyMetadata(info: pb.AnalyzerInfo): PolicyMetadata[] {
  return info.getPoliciesList().map((policy) => {
    const schema = policy.getConfigschema();
    return {
      name: policy.getName(),
      enforcementLevel: levelName(policy.getEnforcementlevel()),
      configSchema: schema && {
        properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, JsonSchema>,
        required: schema.getRequiredList(),
      },
    };
  });
}

/**
 * The pack's programmatic config. As in the engine, an entry without a level reads as the
 * protocol's zero value, `advisory`.
 */
export function initialConfigOf(info: pb.AnalyzerInfo): PolicyPackConfig {
  const config: Record<string, { enforcementLevel: EnforcementLevel; properties?: PropertyMap }> =
    {};
  for (const [name, entry] of info.getInitialconfigMap().entries()) {
    config[name] = {
      enforcementLevel: levelName(entry.getEnforcementlevel()),
      properties: entry.getProperties()?.toJavaScript() as PropertyMap | undefined,
    };
  }
  return config;
}
