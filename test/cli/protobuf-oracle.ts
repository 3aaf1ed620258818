/**
 * The Analyzer requests built with google-protobuf's generated classes, as `aigov check` built
 * them before `cli/analyzer/wire.ts`: the reference the wire encoder's bytes are compared with.
 */
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type { PropertyMap, StackResource } from "../../cli/model";
import { toAnalyzerProperties } from "../../cli/properties";

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
    // As the engine's AnalyzeStack: a property that depends on nothing is left out.
    if (urns.length > 0) {
      dependencies.set(property, new pb.AnalyzerPropertyDependencies().setUrnsList([...urns]));
    }
  }
  return message;
}
