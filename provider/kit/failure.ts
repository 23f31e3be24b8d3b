// The one partial failure of every resource kind: the resource exists but a later step failed. It carries what
// the Node SDK needs to record a created-but-failed resource (`id`, `properties`, `reasons`), so the next
// `pulumi up` continues from the recorded state. It has a string brand, because the provider runs from serialized
// copies of these classes and `instanceof` fails across them.
import { hasErrorKind } from "../client/errors";
import { type Props, toPlain } from "./state";

export class PartialFailureError extends Error {
  readonly voucherifyErrorKind = "partial-failure" as const;
  readonly id: string;
  readonly properties: Props;
  readonly reasons: string[];

  constructor(id: string, properties: Props, message: string) {
    super(message);
    this.name = "PartialFailureError";
    this.id = id;
    this.properties = toPlain(properties);
    this.reasons = [message];
  }
}

export function isPartialFailureError(e: unknown): e is PartialFailureError {
  return hasErrorKind(e, "partial-failure");
}

/**
 * The same failure with its recorded state passed through `f` (an adapter's encoding of state: codes as one JSON
 * string, secrets concealed); any other error unchanged.
 */
export function mapPartialFailure(e: unknown, f: (state: Props) => Props): unknown {
  return isPartialFailureError(e) ? new PartialFailureError(e.id, f(e.properties), e.message) : e;
}
