import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import { emptyOptions, type PropertyMap, type StackResource } from "../model";
import { SECRET_SIG, SIG_KEY } from "../properties";
import { isProviderType, makeUrn, parseProviderReference, providerType } from "../urn";
import { mockInvoke } from "./invokes";
import { checkInputs, mockResource } from "./mocks";
import type { MockMonitorBase, MonitorCallback, PulumiRuntime } from "./pulumi-runtime";
import { optionsOf, propertyDependenciesOf } from "./requests";
import type { SdkSchemas, TypeSchema } from "./sdk-schema";
import { Transforms } from "./transforms";

/** Sees every resource the engine would register, before the mocks compute its outputs. */
export interface RegistrationObserver {
  /**
   * Returns the inputs to continue with: a policy remediation may change them. `provider` is the
   * resource's provider (explicit or default), if any.
   */
  register(resource: StackResource, provider: StackResource | undefined): Promise<PropertyMap>;
}

export interface RecorderSettings {
  readonly runtime: PulumiRuntime;
  readonly project: string;
  readonly stack: string;
  /** Stack config, `<namespace>:<key>` → string; default providers are configured from it. */
  readonly config: Readonly<Record<string, string>>;
  /** Config keys whose values are secret: default providers get them as secrets. */
  readonly secretKeys: readonly string[];
  readonly schemas: SdkSchemas;
  readonly observer: RegistrationObserver;
}

/** The packages of dynamic providers, whose default provider gets the whole stack config. */
const DYNAMIC_PROVIDER_PACKAGES = new Set(["pulumi-nodejs", "pulumi-python"]);

/** Features the monitor lacks; it has the others, as with `setMocks`. */
const UNSUPPORTED_FEATURES = new Set(["outputValues", "invokeTransforms"]);

/**
 * The resource monitor the program talks to: a `MockMonitor` that records every registration the
 * way the engine sees it (engine-style URNs, default providers, parents, dependencies, property
 * dependencies, options), lets the observer analyze it, and answers with mocked outputs.
 */
export class Recorder {
  /** The resources in registration order. */
  readonly resources: StackResource[] = [];
  readonly monitor: MockMonitorBase;
  private readonly byUrn = new Map<string, StackResource>();
  private readonly defaultProviders = new Map<string, Promise<string>>();
  private readonly transforms: Transforms;

  constructor(private readonly settings: RecorderSettings) {
    this.transforms = new Transforms(settings.runtime);
    this.monitor = this.createMonitor();
  }

  /** Releases what the program's transforms needed. */
  close(): void {
    this.transforms.close();
  }

  private createMonitor(): MockMonitorBase {
    const { runtime } = this.settings;
    const register = (req: resproto.RegisterResourceRequest) => this.register(req);
    const read = (req: resproto.ReadResourceRequest) => this.read(req);
    const byUrn = this.byUrn;
    const transforms = this.transforms;
    const mocks = {
      call: (args: { token: string; inputs: Record<string, unknown>; provider?: string }) =>
        mockInvoke(
          args.token,
          args.inputs,
          this.providerInputs(args.provider || undefined, args.token.split(":")[0]),
        ),
      newResource: () => {
        throw new Error("unreachable: the recorder answers registrations itself");
      },
    };
    return new (class RecordingMonitor extends runtime.MockMonitor {
      override async registerResource(
        req: resproto.RegisterResourceRequest,
        callback: MonitorCallback<resproto.RegisterResourceResponse>,
      ): Promise<void> {
        try {
          callback(null, await register(req));
        } catch (err) {
          callback(err as Error);
        }
      }

      override async readResource(
        req: resproto.ReadResourceRequest,
        callback: MonitorCallback<resproto.ReadResourceResponse>,
      ): Promise<void> {
        try {
          callback(null, read(req));
        } catch (err) {
          callback(err as Error);
        }
      }

      override registerResourceOutputs(
        req: resproto.RegisterResourceOutputsRequest,
        callback: MonitorCallback<unknown>,
      ): void {
        const resource = byUrn.get(req.getUrn());
        if (!resource) {
          callback(new Error(`unknown resource ${req.getUrn()}`));
          return;
        }
        resource.outputs = (req.getOutputs()?.toJavaScript() ?? {}) as PropertyMap;
        callback(null, {});
      }

      /** `pulumi.runtime.registerResourceTransform`. */
      registerStackTransform(
        req: Parameters<Transforms["registerStackTransform"]>[0],
        callback: MonitorCallback<unknown>,
      ): void {
        transforms.registerStackTransform(req);
        callback(null, {});
      }

      override supportsFeature(
        req: resproto.SupportsFeatureRequest,
        callback: MonitorCallback<{ getHassupport(): boolean }>,
      ): void {
        const supported = !UNSUPPORTED_FEATURES.has(req.getId());
        callback(null, { getHassupport: () => supported });
      }
    })(mocks);
  }

  private checkUnique(urn: string): void {
    if (this.byUrn.has(urn)) {
      throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
    }
  }

  private add(resource: StackResource): void {
    this.checkUnique(resource.urn);
    this.byUrn.set(resource.urn, resource);
    this.resources.push(resource);
  }

  private async register(
    req: resproto.RegisterResourceRequest,
  ): Promise<resproto.RegisterResourceResponse> {
    const { project, stack } = this.settings;
    const type = req.getType();
    const parent = req.getParent() || undefined;
    const custom = req.getCustom();
    const urn = makeUrn(stack, project, parent, type, req.getName());
    this.checkUnique(urn);
    await this.transforms.apply(req, urn);
    let provider = req.getProvider() || undefined;
    const pkg = type.split(":")[0];
    if (custom && !provider && !isProviderType(type) && pkg !== "pulumi") {
      provider = await this.defaultProvider(pkg, req.getVersion());
    }
    const schema = custom ? this.settings.schemas.get(type) : undefined;
    const goal = (req.getObject()?.toJavaScript() ?? {}) as PropertyMap;
    if (custom && isProviderType(type) && req.getVersion()) {
      // As the engine does: an explicit provider carries the plugin version its SDK asked for.
      goal.version = req.getVersion();
    }
    const resource: StackResource = {
      urn,
      type,
      name: req.getName(),
      custom,
      parent,
      provider,
      external: false,
      inputs: custom ? checkInputs({ type, name: req.getName(), urn, inputs: goal, schema }) : goal,
      outputs: {},
      dependencies: req.getDependenciesList(),
      propertyDependencies: propertyDependenciesOf(req.getPropertydependenciesMap()),
      options: optionsOf(req),
    };
    await this.observeAndMock(
      resource,
      provider ? this.providerResource(provider) : undefined,
      schema,
    );
    return this.response(resource);
  }

  /** Records the resource, lets the observer see it, then mocks its outputs (custom resources). */
  private async observeAndMock(
    resource: StackResource,
    provider: StackResource | undefined,
    schema: TypeSchema | undefined,
  ): Promise<void> {
    this.add(resource);
    resource.inputs = await this.settings.observer.register(resource, provider);
    if (resource.custom) {
      const { id, state } = mockResource({
        type: resource.type,
        name: resource.name,
        urn: resource.urn,
        inputs: resource.inputs,
        providerInputs: provider?.inputs ?? {},
        schema,
      });
      resource.id = id;
      resource.outputs = state;
    }
  }

  private response(resource: StackResource): resproto.RegisterResourceResponse {
    const { resproto, Struct } = this.settings.runtime;
    const response = new resproto.RegisterResourceResponse();
    response.setUrn(resource.urn);
    response.setId(resource.id ?? "");
    response.setObject(Struct.fromJavaScript(resource.outputs as never));
    return response;
  }

  /** `Resource.get`: the engine reads the resource and never analyzes it on its own. */
  private read(req: resproto.ReadResourceRequest): resproto.ReadResourceResponse {
    const { project, stack, runtime } = this.settings;
    const parent = req.getParent() || undefined;
    const properties = (req.getProperties()?.toJavaScript() ?? {}) as PropertyMap;
    const resource: StackResource = {
      urn: makeUrn(stack, project, parent, req.getType(), req.getName()),
      type: req.getType(),
      name: req.getName(),
      custom: true,
      id: req.getId(),
      parent,
      provider: req.getProvider() || undefined,
      external: true,
      inputs: properties,
      outputs: properties,
      dependencies: req.getDependenciesList(),
      propertyDependencies: {},
      options: emptyOptions,
    };
    this.add(resource);
    const response = new runtime.resproto.ReadResourceResponse();
    response.setUrn(resource.urn);
    response.setProperties(runtime.Struct.fromJavaScript(properties as never));
    return response;
  }

  /**
   * The engine's default provider for a package: registered (and analyzed) once per package and
   * version before the first resource that needs it, configured from the `<package>:*` config
   * (a dynamic provider from all of it).
   */
  private defaultProvider(pkg: string, version: string): Promise<string> {
    const key = `${pkg}@${version}`;
    let reference = this.defaultProviders.get(key);
    if (!reference) {
      reference = this.registerDefaultProvider(pkg, version);
      this.defaultProviders.set(key, reference);
    }
    return reference;
  }

  private async registerDefaultProvider(pkg: string, version: string): Promise<string> {
    const { project, stack } = this.settings;
    const name = version ? `default_${version.replace(/\./g, "_")}` : "default";
    const inputs: PropertyMap = this.packageConfig(pkg);
    if (version) {
      inputs.version = version;
    }
    const type = providerType(pkg);
    const resource: StackResource = {
      urn: makeUrn(stack, project, undefined, type, name),
      type,
      name,
      custom: true,
      external: false,
      inputs,
      outputs: {},
      dependencies: [],
      propertyDependencies: {},
      options: emptyOptions,
    };
    await this.observeAndMock(resource, undefined, undefined);
    return `${resource.urn}::${resource.id}`;
  }

  /**
   * A default provider's inputs, as the engine's `GetPackageConfig`: the package's config keys
   * without their namespace, or, for a dynamic provider, every key as it is; secure values are
   * secrets.
   */
  private packageConfig(pkg: string): PropertyMap {
    const prefix = `${pkg}:`;
    const dynamic = DYNAMIC_PROVIDER_PACKAGES.has(pkg);
    const secretKeys = new Set(this.settings.secretKeys);
    const inputs: PropertyMap = {};
    for (const [key, value] of Object.entries(this.settings.config)) {
      if (dynamic || key.startsWith(prefix)) {
        const name = dynamic ? key : key.slice(prefix.length);
        inputs[name] = secretKeys.has(key) ? { [SIG_KEY]: SECRET_SIG, value } : value;
      }
    }
    return inputs;
  }

  private providerResource(reference: string): StackResource | undefined {
    return this.byUrn.get(parseProviderReference(reference).urn);
  }

  /** The inputs of the provider an invoke goes to: explicit, or the package's config. */
  private providerInputs(reference: string | undefined, pkg: string): PropertyMap {
    const explicit = reference ? this.providerResource(reference) : undefined;
    return explicit?.inputs ?? this.packageConfig(pkg);
  }
}
