import * as grpc from "@grpc/grpc-js";
import { AnalyzerClient } from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { ConcurrencyLimit } from "./limit";

/** The message size limit packs use for their server (`@pulumi/policy`): 400 MB. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;

/**
 * Analyzer calls in flight per pack: enough to keep a pack busy while the answers travel back,
 * few enough that a program of tens of thousands of resources does not hold a call for each.
 */
const MAX_IN_FLIGHT = 64;

type Callback<T> = (err: grpc.ServiceError | null, response: T) => void;

/** A promise-based client for one policy pack speaking the Analyzer gRPC protocol. */
export class AnalyzerConnection {
  private readonly client: AnalyzerClient;
  private readonly inFlight = new ConcurrencyLimit(MAX_IN_FLIGHT);

  constructor(port: number) {
    this.client = new AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
  }

  getAnalyzerInfo(): Promise<pb.AnalyzerInfo> {
    return unary((cb: Callback<pb.AnalyzerInfo>) => this.client.getAnalyzerInfo(new Empty(), cb));
  }

  async configure(request: pb.ConfigureAnalyzerRequest): Promise<void> {
    await unary((cb: Callback<Empty>) => this.client.configure(request, cb));
  }

  /** Packs built with `@pulumi/policy` older than 1.19 do not implement it; that is fine. */
  async configureStack(request: pb.AnalyzerStackConfigureRequest): Promise<void> {
    try {
      await unary((cb: Callback<pb.AnalyzerStackConfigureResponse>) =>
        this.client.configureStack(request, cb),
      );
    } catch (err) {
      if ((err as grpc.ServiceError).code !== grpc.status.UNIMPLEMENTED) {
        throw err;
      }
    }
  }

  /** `Analyze` with a serialized `AnalyzeRequest` (see `wire.ts`). */
  analyze(request: Buffer): Promise<pb.AnalyzeResponse> {
    return this.call("Analyze", request, pb.AnalyzeResponse.deserializeBinary);
  }

  /** `Remediate` with a serialized `AnalyzeRequest` (see `wire.ts`). */
  remediate(request: Buffer): Promise<pb.RemediateResponse> {
    return this.call("Remediate", request, pb.RemediateResponse.deserializeBinary);
  }

  /** `AnalyzeStack` with a serialized `AnalyzeStackRequest` (see `wire.ts`). */
  analyzeStack(request: Buffer): Promise<pb.AnalyzeResponse> {
    return this.call("AnalyzeStack", request, pb.AnalyzeResponse.deserializeBinary);
  }

  close(): void {
    this.client.close();
  }

  /**
   * Sends an already serialized request (one encoding can be shared by every pack), at most
   * {@link MAX_IN_FLIGHT} at a time: a pack answers one call at a time anyway.
   */
  private call<T>(
    method: string,
    request: Buffer,
    deserialize: (bytes: Uint8Array) => T,
  ): Promise<T> {
    return this.inFlight.run(() => this.send(method, request, deserialize));
  }

  private send<T>(
    method: string,
    request: Buffer,
    deserialize: (bytes: Uint8Array) => T,
  ): Promise<T> {
    return new Promise((resolve, reject) =>
      this.client.makeUnaryRequest(
        `/pulumirpc.Analyzer/${method}`,
        (bytes: Buffer) => bytes,
        (bytes: Buffer) => deserialize(new Uint8Array(bytes)),
        request,
        (err, response) => (err ? reject(err) : resolve(response as T)),
      ),
    );
  }
}

function unary<T>(call: (callback: Callback<T>) => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    call((err, response) => (err ? reject(err) : resolve(response)));
  });
}
