// The gRPC side of `pulumi-resource-voucherify`: a ResourceProvider service over the protocol messages that ship
// with @pulumi/pulumi, handing plain properties to ./provider.ts.
//
// Why not `main(provider, args)` of `@pulumi/pulumi/provider`: its server answers Configure without looking at the
// request (`configure(call, callback)` in provider/server.js of 3.276 only sets acceptSecrets/acceptResources), so
// stack config such as `voucherify:secretKey` would never reach the provider, and its Provider interface has no
// configure method to hook into. Serving the few methods a custom resource needs directly keeps the config path in
// view. CheckConfig and DiffConfig are served too (./config.ts), as first-party providers serve them.
import * as grpc from "@grpc/grpc-js";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as structproto from "google-protobuf/google/protobuf/struct_pb";
import { isPartialFailureError } from "../kit/failure";
import type { DetailedDiff, DiffKind } from "../kit/kind";
import type { CheckFailure } from "../schema/issues";
import { checkConfig, diffConfig } from "./config";
import * as native from "./provider";
import { buildSchema } from "./schema";

type Props = Record<string, unknown>;

function props(struct: structproto.Struct | undefined): Props {
  return struct === undefined ? {} : (struct.toJavaScript() as Props);
}

function toStruct(value: Props): structproto.Struct {
  return structproto.Struct.fromJavaScript(value as Record<string, structproto.JavaScriptValue>);
}

/**
 * An error as gRPC carries it. A resource that exists but failed a later step travels as ErrorResourceInitFailed
 * in the status details, so the engine records it (with the state it carries) instead of forgetting it.
 */
function grpcError(e: unknown): Partial<grpc.StatusObject> {
  const message = e instanceof Error ? e.message : String(e);
  const metadata = new grpc.Metadata();
  if (isPartialFailureError(e)) {
    const detail = new provproto.ErrorResourceInitFailed();
    detail.setId(e.id);
    detail.setProperties(toStruct(e.properties));
    detail.setReasonsList(e.reasons);
    const packed = new anyproto.Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status();
    status.setCode(grpc.status.UNKNOWN);
    status.setMessage(message);
    status.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

const { DIFF_NONE, DIFF_SOME } = provproto.DiffResponse.DiffChanges;

const DIFF_KINDS: Record<DiffKind, provproto.PropertyDiff.Kind> = {
  add: provproto.PropertyDiff.Kind.ADD,
  "add-replace": provproto.PropertyDiff.Kind.ADD_REPLACE,
  update: provproto.PropertyDiff.Kind.UPDATE,
  "update-replace": provproto.PropertyDiff.Kind.UPDATE_REPLACE,
  delete: provproto.PropertyDiff.Kind.DELETE,
  "delete-replace": provproto.PropertyDiff.Kind.DELETE_REPLACE,
};

/** A Check or CheckConfig answer. */
function checkResponse(result: { inputs: Props; failures: CheckFailure[] }): provproto.CheckResponse {
  return new provproto.CheckResponse()
    .setInputs(toStruct(result.inputs))
    .setFailuresList(
      result.failures.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason)),
    );
}

/** The response with its detailed diff (every path an input path). */
function withDetailedDiff(response: provproto.DiffResponse, rows: DetailedDiff): provproto.DiffResponse {
  const map = response.getDetaileddiffMap();
  for (const [path, kind] of Object.entries(rows)) {
    map.set(path, new provproto.PropertyDiff().setKind(DIFF_KINDS[kind]).setInputdiff(true));
  }
  return response.setHasdetaileddiff(true);
}

type Callback<T> = (error: Partial<grpc.StatusObject> | null, value?: T | null) => void;

/** A unary method from an async handler of the request. */
function unary<Req, Res>(handle: (request: Req) => Promise<Res>) {
  return (call: { request: Req }, callback: Callback<Res>) => {
    handle(call.request).then(
      (response) => callback(null, response),
      (e: unknown) => callback(grpcError(e), null),
    );
  };
}

/** The ResourceProvider methods this plugin serves; grpc-js answers UNIMPLEMENTED for the others. */
export function providerService(version: string) {
  // Built on the first GetSchema (YAML programs and tools ask for it), not at every start.
  let schema: string | undefined;
  return {
    getPluginInfo: unary(async () => new plugproto.PluginInfo().setVersion(version)),
    getSchema: unary(async () => {
      schema ??= JSON.stringify(buildSchema(version));
      return new provproto.GetSchemaResponse().setSchema(schema);
    }),
    checkConfig: unary(async (req: provproto.CheckRequest) => {
      return checkResponse(checkConfig(props(req.getNews())));
    }),
    diffConfig: unary(async (req: provproto.DiffRequest) => {
      const result = diffConfig(props(req.getOlds()), props(req.getNews()));
      const response = new provproto.DiffResponse()
        .setChanges(result.replaces.length > 0 ? DIFF_SOME : DIFF_NONE)
        .setReplacesList(result.replaces);
      return withDetailedDiff(response, result.detailedDiff);
    }),
    // As first-party providers answer: resource references arrive as references (this schema declares none), and
    // Create and Update are called during previews too, where they answer without a request (./provider.ts).
    configure: unary(async (req: provproto.ConfigureRequest) => {
      await native.configure(props(req.getArgs()), Object.fromEntries(req.getVariablesMap().toArray()));
      return new provproto.ConfigureResponse()
        .setAcceptsecrets(true)
        .setAcceptresources(true)
        .setSupportspreview(true);
    }),
    check: unary(async (req: provproto.CheckRequest) =>
      checkResponse(await native.check(req.getUrn(), props(req.getOlds()), props(req.getNews()))),
    ),
    diff: unary(async (req: provproto.DiffRequest) => {
      const result = await native.diff(req.getId(), req.getUrn(), props(req.getOlds()), props(req.getNews()));
      const response = new provproto.DiffResponse()
        .setChanges(result.changes ? DIFF_SOME : DIFF_NONE)
        .setReplacesList(result.replaces)
        .setStablesList(result.stables)
        .setDeletebeforereplace(result.deleteBeforeReplace);
      return withDetailedDiff(response, result.detailedDiff);
    }),
    create: unary(async (req: provproto.CreateRequest) => {
      const result = await native.create(req.getUrn(), props(req.getProperties()), req.getPreview());
      return new provproto.CreateResponse().setId(result.id).setProperties(toStruct(result.outs));
    }),
    read: unary(async (req: provproto.ReadRequest) => {
      const result = await native.read(
        req.getId(),
        req.getUrn(),
        props(req.getProperties()),
        props(req.getInputs()),
      );
      const response = new provproto.ReadResponse().setId(result.id);
      if (result.props !== undefined) response.setProperties(toStruct(result.props));
      if (result.inputs !== undefined) response.setInputs(toStruct(result.inputs));
      return response;
    }),
    update: unary(async (req: provproto.UpdateRequest) => {
      const result = await native.update(
        req.getId(),
        req.getUrn(),
        props(req.getOlds()),
        props(req.getNews()),
        req.getPreview(),
      );
      return new provproto.UpdateResponse().setProperties(toStruct(result.outs));
    }),
    delete: unary(async (req: provproto.DeleteRequest) => {
      await native.remove(req.getId(), req.getUrn(), props(req.getProperties()));
      return new emptyproto.Empty();
    }),
    invoke: unary(async (req: provproto.InvokeRequest) => {
      const result = await native.invoke(req.getTok(), props(req.getArgs()));
      return new provproto.InvokeResponse().setReturn(toStruct(result));
    }),
    cancel: unary(async () => new emptyproto.Empty()),
  };
}

/** Starts the server on a free loopback port and resolves to the port (the engine reads it from stdout). */
export async function serve(version: string): Promise<number> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(
    provrpc.ResourceProviderService,
    providerService(version) as unknown as grpc.UntypedServiceImplementation,
  );
  return new Promise((resolve, reject) => {
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    );
  });
}
