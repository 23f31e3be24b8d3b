// See ./pulumi-resource-voucherify. Every request whose URN names `voucherify:bench:Noop` is answered here; the
// rest goes to the package's provider service unchanged.
const grpc = require("@grpc/grpc-js");
const provproto = require("@pulumi/pulumi/proto/provider_pb.js");
const provrpc = require("@pulumi/pulumi/proto/provider_grpc_pb.js");
const emptyproto = require("google-protobuf/google/protobuf/empty_pb.js");
const { providerService } = require("../../dist/provider/native/server.js");
const { packageVersion } = require("../../dist/provider/native/version.js");

const NOOP = "::voucherify:bench:Noop::";
const service = providerService(packageVersion());

/** `method` answered by `noop(request)` for the floor's URNs, by the package's service otherwise. */
function routed(method, noop) {
  const real = service[method];
  return (call, callback) => {
    if (!call.request.getUrn().includes(NOOP)) return real(call, callback);
    try {
      callback(null, noop(call.request));
    } catch (e) {
      callback(e);
    }
  };
}

const floor = {
  ...service,
  check: routed("check", (req) => new provproto.CheckResponse().setInputs(req.getNews())),
  diff: routed("diff", () =>
    new provproto.DiffResponse().setChanges(provproto.DiffResponse.DiffChanges.DIFF_NONE),
  ),
  create: routed("create", (req) =>
    new provproto.CreateResponse().setId(req.getUrn().split("::").pop()).setProperties(req.getProperties()),
  ),
  read: routed("read", (req) =>
    new provproto.ReadResponse()
      .setId(req.getId())
      .setProperties(req.getProperties())
      .setInputs(req.getInputs()),
  ),
  update: routed("update", (req) => new provproto.UpdateResponse().setProperties(req.getNews())),
  delete: routed("delete", () => new emptyproto.Empty()),
};

const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
server.addService(provrpc.ResourceProviderService, floor);
server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, port) => {
  if (err) {
    process.stderr.write(`bench plugin: ${err.message}\n`);
    process.exit(1);
  }
  process.stdout.write(`${port}\n`);
});
