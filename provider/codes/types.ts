// The shapes every part of the code sync speaks in: a per-code failure and a per-code update.

export interface CodeUpdate {
  code: string;
  /** PUT /v1/vouchers/{code} body (snake_case); empty when only `active` changed. */
  body: Record<string, unknown>;
  /** Desired `active` when it changed (enable/disable, or `active` in the PUT body when a PUT is sent anyway). */
  setActive?: boolean;
}

export interface CodeFailure {
  code: string;
  reason: string;
  /** The declared attribute concerned, when there is one (e.g. "redemption", "giftAmount"). */
  attribute?: string;
}
