import type * as callbackProto from "@pulumi/pulumi/proto/callback_pb";
import type * as resproto from "@pulumi/pulumi/proto/resource_pb";
import type { PulumiRuntime } from "./pulumi-runtime";

type Callback = callbackProto.Callback;

/** The runtime's callback server, as `@pulumi/pulumi` serves transforms to the engine. */
interface CallbacksClient {
  invoke(
    req: callbackProto.CallbackInvokeRequest,
    callback: (err: Error | null, res?: callbackProto.CallbackInvokeResponse) => void,
  ): void;
  close(): void;
}

/**
 * Resource transforms as the engine applies them (`pulumi.runtime.registerResourceTransform`
 * and the `transforms` resource option): before a resource is registered, its own transforms run,
 * then those of each of its ancestors, nearest first, then the stack's in registration order.
 * Each is the program's callback, called through the runtime's callback server, and may change
 * the resource's inputs and options.
 */
export class Transforms {
  private readonly stack: Callback[] = [];
  /** URN → the `transforms` option of that resource, which also applies to its descendants. */
  private readonly byResource = new Map<string, Callback[]>();
  private readonly parents = new Map<string, string | undefined>();
  private readonly clients = new Map<string, CallbacksClient>();

  constructor(private readonly runtime: PulumiRuntime) {}

  registerStackTransform(callback: Callback): void {
    this.stack.push(callback);
  }

  /** Applies the transforms that reach the resource `urn` to `req`, in place. */
  async apply(req: resproto.RegisterResourceRequest, urn: string): Promise<void> {
    const parent = req.getParent() || undefined;
    this.parents.set(urn, parent);
    const own = req.getTransformsList();
    if (own.length > 0) {
      this.byResource.set(urn, own);
    }
    const chain: Callback[] = [...own];
    for (let p = parent; p; p = this.parents.get(p)) {
      chain.push(...(this.byResource.get(p) ?? []));
    }
    chain.push(...this.stack);
    for (const callback of chain) {
      await this.applyOne(req, callback);
    }
  }

  /** Closes the connections to the callback server. */
  close(): void {
    for (const client of this.clients.values()) {
      client.close();
    }
    this.clients.clear();
  }

  private async applyOne(req: resproto.RegisterResourceRequest, callback: Callback): Promise<void> {
    const { resproto: proto, callbackProto: cbProto } = this.runtime;
    const request = new proto.TransformRequest();
    request.setType(req.getType());
    request.setName(req.getName());
    request.setCustom(req.getCustom());
    request.setParent(req.getParent());
    request.setProperties(req.getObject());
    request.setOptions(this.optionsOf(req));
    const invoke = new cbProto.CallbackInvokeRequest();
    invoke.setToken(callback.getToken());
    invoke.setRequest(request.serializeBinary());
    const client = this.client(callback.getTarget());
    const response = await new Promise<callbackProto.CallbackInvokeResponse>((resolve, reject) =>
      client.invoke(invoke, (err, res) => (err || !res ? reject(err) : resolve(res))),
    );
    const result = proto.TransformResponse.deserializeBinary(response.getResponse_asU8());
    req.setObject(result.getProperties());
    const options = result.getOptions();
    if (options) {
      req.setProtect(options.getProtect() ?? false);
      req.setIgnorechangesList(options.getIgnoreChangesList());
      req.setDependenciesList([
        ...new Set([...req.getDependenciesList(), ...options.getDependsOnList()]),
      ]);
      req.setAdditionalsecretoutputsList(options.getAdditionalSecretOutputsList());
      req.setReplaceonchangesList(options.getReplaceOnChangesList());
      req.setRetainondelete(options.getRetainOnDelete() ?? false);
      if (options.getProvider()) {
        req.setProvider(options.getProvider());
      }
      if (options.hasDeleteBeforeReplace()) {
        req.setDeletebeforereplace(options.getDeleteBeforeReplace() ?? false);
        req.setDeletebeforereplacedefined(true);
      }
    }
  }

  private optionsOf(req: resproto.RegisterResourceRequest): resproto.TransformResourceOptions {
    const options = new this.runtime.resproto.TransformResourceOptions();
    options.setDependsOnList(req.getDependenciesList());
    options.setProtect(req.getProtect() ?? false);
    options.setIgnoreChangesList(req.getIgnorechangesList());
    options.setReplaceOnChangesList(req.getReplaceonchangesList());
    options.setVersion(req.getVersion());
    options.setAliasesList(req.getAliasesList());
    options.setProvider(req.getProvider());
    options.setPluginDownloadUrl(req.getPlugindownloadurl());
    options.setRetainOnDelete(req.getRetainondelete() ?? false);
    options.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
    if (req.getDeletebeforereplacedefined()) {
      options.setDeleteBeforeReplace(req.getDeletebeforereplace());
    }
    return options;
  }

  private client(target: string): CallbacksClient {
    let client = this.clients.get(target);
    if (!client) {
      const { CallbacksClient, grpc } = this.runtime.callbackGrpc;
      client = new CallbacksClient(target, grpc.credentials.createInsecure()) as CallbacksClient;
      this.clients.set(target, client);
    }
    return client;
  }
}
