// Entry point of the `pulumi-resource-voucherify` plugin (bin/pulumi-resource-voucherify): the engine starts it,
// reads the port of its gRPC server from the first line of stdout, and talks to it until it ends the process.
// Progress goes to stderr (provider/log.ts), which the engine shows as diagnostics.
import { serve } from "./server";
import { packageVersion } from "./version";

/** Serves the provider and prints its port, as the engine expects of a plugin. */
export function startPlugin(): void {
  serve(packageVersion()).then(
    (port) => process.stdout.write(`${port}\n`),
    (e: unknown) => {
      process.stderr.write(`pulumi-resource-voucherify: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
