// Vendor-shaped error bodies. Every error leaves the emulator as
// {code, key, message, details, request_id[, resource_id, resource_type]} because the official SDK
// reads `code` (not the HTTP status) from the body. Message texts copy the vendor's examples.

export interface ErrorBody {
  code: number;
  key: string;
  message: string;
  details: string;
  request_id: string;
  resource_id?: string;
  resource_type?: string;
}

export class ApiError extends Error {
  readonly headers: Record<string, string>;
  constructor(
    readonly status: number,
    readonly key: string,
    readonly title: string,
    readonly details: string,
    readonly resource?: { id: string; type: string },
    headers: Record<string, string> = {},
  ) {
    super(`${status} ${key}: ${details}`);
    this.headers = headers;
  }

  body(requestId: string): ErrorBody {
    const body: ErrorBody = {
      code: this.status,
      key: this.key,
      message: this.title,
      details: this.details,
      request_id: requestId,
    };
    if (this.resource) {
      body.resource_id = this.resource.id;
      body.resource_type = this.resource.type;
    }
    return body;
  }
}

export function notFound(type: string, id: string): ApiError {
  return new ApiError(404, "not_found", "Resource not found", `Cannot find ${type} with id ${id}`, {
    id,
    type,
  });
}

export function unknownRoute(method: string, path: string): ApiError {
  return new ApiError(
    404,
    "not_found",
    "Resource not found",
    `Unrecognized request URL (${method}: ${path})`,
  );
}

export function methodNotAllowed(method: string, path: string, allowed: string[]): ApiError {
  return new ApiError(
    405,
    "method_not_allowed",
    "Method Not Allowed",
    `Method ${method} is not allowed for ${path}; allowed: ${allowed.join(", ")}`,
    undefined,
    { Allow: allowed.join(", ") },
  );
}

function duplicateFound(type: string, id: string, by: "name" | "id"): ApiError {
  return new ApiError(
    409,
    "duplicate_found",
    "Duplicated resource found",
    `Duplicated ${type} exists with ${by} ${id}`,
    { id, type },
  );
}

export function duplicateCampaign(name: string): ApiError {
  return duplicateFound("campaign", name, "name");
}

export function duplicateVoucher(code: string): ApiError {
  return duplicateFound("voucher", code, "id");
}

/** 409 of POST /v1/validation-rules/{id}/assignments without force (vendor example "Duplicate"). */
export function duplicateAssignment(assignmentId: string): ApiError {
  return duplicateFound("validation_rules_assignment", assignmentId, "id");
}

export function duplicateKey(count: number): ApiError {
  return new ApiError(400, "duplicate_key", "Duplicate codes", `${count} voucher codes(s) already exist.`);
}

export function invalidCampaign(details: string): ApiError {
  return new ApiError(400, "invalid_campaign", "Invalid Campaign", details);
}

export function invalidVoucher(details: string): ApiError {
  return new ApiError(400, "invalid_voucher", "Invalid Voucher", details);
}

export function invalidPayload(details: string): ApiError {
  return new ApiError(400, "invalid_payload", "Invalid payload", details);
}

export function invalidQueryParams(details: string): ApiError {
  return new ApiError(400, "invalid_query_params", "Invalid query params", details);
}

export function unauthorized(): ApiError {
  return new ApiError(
    401,
    "unauthorized",
    "Unauthorized",
    "Missing or invalid X-App-Id / X-App-Token headers",
  );
}

export function tooManyRequests(retryAfterSeconds: number, headers: Record<string, string> = {}): ApiError {
  return new ApiError(
    429,
    "too_many_requests",
    "Too many requests hit the API too quickly.",
    `API rate limit exceeded; retry after ${retryAfterSeconds} s`,
    undefined,
    { "Retry-After": String(retryAfterSeconds), ...headers },
  );
}

export function unsupportedMediaType(contentType: string, expected: string): ApiError {
  return new ApiError(
    415,
    "unsupported_media_type",
    "Unsupported Media Type",
    `Content-Type '${contentType}' is not supported here; send ${expected}`,
  );
}

/**
 * The key is documented (api-reference/errors.mdx: `query_too_large`, "request body payload too large or query
 * string too large"); the 413 status is assumed.
 */
export function payloadTooLarge(limitBytes: number): ApiError {
  return new ApiError(
    413,
    "query_too_large",
    "Payload Too Large",
    `Request body exceeds the limit of ${limitBytes} bytes (10 MB)`,
  );
}

export function serverFault(status: number): ApiError {
  const titles: Record<number, [string, string]> = {
    500: ["internal_server_error", "Internal Server Error"],
    502: ["bad_gateway", "Bad Gateway"],
    503: ["service_unavailable", "Service Unavailable"],
    504: ["gateway_timeout", "Gateway Timeout"],
  };
  const [key, title] = titles[status] ?? ["error", `HTTP ${status}`];
  return new ApiError(status, key, title, `Injected fault (emulator): HTTP ${status}`);
}

/**
 * --readiness lenient: a change to a campaign still generating (IN_PROGRESS) or rewriting (MODIFYING) its codes.
 * The refusal is documented (create: "can't be read or modified until the code generation is completed";
 * integrations/contentful.mdx: "During that time, the campaign will not allow any changes"); this body is assumed.
 */
/** The campaign PUT's documented 400 (openapi/campaigns.json) for a campaign that is `readonly` for the user. */
export function resourceProtected(id: string): ApiError {
  return new ApiError(
    400,
    "resource_protected",
    "Resource is protected",
    `Resource campaign with id ${id} is protected and cannot be modified`,
    { id, type: "campaign" },
  );
}

export function campaignNotReady(id: string, status: string): ApiError {
  const work = status === "MODIFYING" ? "still updating its vouchers" : "still being generated";
  return new ApiError(
    400,
    "invalid_campaign",
    "Invalid Campaign",
    `Campaign ${id} is ${work} (creation_status ${status}) and cannot be modified until that completes`,
    { id, type: "campaign" },
  );
}

/**
 * --readiness strict. Assumed: errors.mdx documents no answer for this; `multiple_requests` is its key for a
 * request that meets an operation in progress whose outcome is not known yet.
 */
export function campaignBusy(id: string, status: string): ApiError {
  const work = status === "MODIFYING" ? "updating its vouchers" : "generating its vouchers";
  return new ApiError(
    400,
    "multiple_requests",
    "Multiple requests",
    `Campaign ${id} is ${work} (status ${status}); it cannot be read or modified until that completes`,
    { id, type: "campaign" },
  );
}

/**
 * PUT of settings campaign-maintenance.mdx calls unchangeable (--immutable-updates refuse). 400 for a
 * violated rule; `invalid_campaign_params` is errors.mdx's key for a campaign object specified incorrectly,
 * as `invalid_voucher` is what the API documents for the same rule on vouchers ("It is not possible to change
 * Voucher discount type"). `details` names every such field.
 */
export function immutableFields(
  id: string,
  changes: { field: string; setting: string; current: unknown; requested: unknown }[],
): ApiError {
  const details = changes
    .map(
      (c) =>
        `Property '${c.field}' (${c.setting}) cannot be changed once the campaign is created ` +
        `(current ${JSON.stringify(c.current)}, requested ${JSON.stringify(c.requested)})`,
    )
    .join("; ");
  return new ApiError(400, "invalid_campaign_params", "Invalid campaign params", details, {
    id,
    type: "campaign",
  });
}
