/**
 * Progress logging from inside the dynamic-provider process.
 *
 * Verified against @pulumi/pulumi 3.276 and the pinned engine: the dynamic-provider process has no engine
 * connection (`PULUMI_NODEJS_ENGINE` is unset there), so `pulumi.log.info` just falls back to
 * `console.log("info: [runtime] ...")`. The engine forwards every line the provider process writes to stdout
 * or stderr as a diagnostic (stdout as `info`, stderr as `info#err`), shown under the stack's "Diagnostics"
 * during `pulumi up` and in the event stream of the Automation API. Writing to stderr directly is therefore the
 * one thing that works, without loading `@pulumi/pulumi` into the serialized provider.
 *
 * Lines are prefixed with `voucherify:` so they can be told apart; callers never pass secrets.
 */
export function logProgress(message: string): void {
  process.stderr.write(`voucherify: ${message}\n`);
}
