import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PropertyMap, StackResource } from "../model";
import { toAnalyzerProperties } from "../properties";
import type { JsonSchema } from "./json-schema";
import type { EnforcementLevel, PolicyMetadata, PolicyPackConfig } from "./config";

/** Builds the Analyzer protocol messages from stack resources, as the engine marshals them. */

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

function struct(props: PropertyMap): Struct {
  return Struct.fromJavaScript(toAnalyzerProperties(props) as never);
}

function options(resource: StackResource): pb.AnalyzerResourceOptions {
  const { options: o } = resource;
  const timeouts = new pb.AnalyzerResourceOptions.CustomTimeouts()
    .setCreate(o.customTimeouts.create)
    .setUpdate(o.customTimeouts.update)
    .setDelete(o.customTimeouts.delete);
  return new pb.AnalyzerResourceOptions()
    .setProtect(o.protect)
    .setIgnorechangesList([...o.ignoreChanges])
    .setDeletebeforereplace(o.deleteBeforeReplace ?? false)
    .setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined)
    .setAdditionalsecretoutputsList([...o.additionalSecretOutputs])
    .setAliasesList([...o.aliases])
    .setCustomtimeouts(timeouts)
    .setParent(resource.parent ?? "");
}

function providerMessage(
  provider: StackResource | undefined,
): pb.AnalyzerProviderResource | undefined {
  return (
    provider &&
    new pb.AnalyzerProviderResource()
      .setUrn(provider.urn)
      .setType(provider.type)
      .setName(provider.name)
      .setProperties(struct(provider.inputs))
  );
}

/** `Analyze`/`Remediate` request: the resource's inputs. */
export function analyzeRequest(
  resource: StackResource,
  inputs: PropertyMap,
  provider: StackResource | undefined,
): pb.AnalyzeRequest {
  return new pb.AnalyzeRequest()
    .setUrn(resource.urn)
    .setType(resource.type)
    .setName(resource.name)
    .setProperties(struct(inputs))
    .setOptions(options(resource))
    .setProvider(providerMessage(provider));
}

/** A resource of an `AnalyzeStack` request: outputs, parent and dependencies. */
export function stackResourceMessage(
  resource: StackResource,
  provider: StackResource | undefined,
): pb.AnalyzerResource {
  const message = new pb.AnalyzerResource()
    .setUrn(resource.urn)
    .setType(resource.type)
    .setName(resource.name)
    .setProperties(struct(resource.outputs))
    .setOptions(options(resource))
    .setProvider(providerMessage(provider))
    .setParent(resource.parent ?? "")
    .setDependenciesList([...resource.dependencies]);
  const dependencies = message.getPropertydependenciesMap();
  for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
    dependencies.set(property, new pb.AnalyzerPropertyDependencies().setUrnsList([...urns]));
  }
  return message;
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
