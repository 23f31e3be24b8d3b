// Validates emulator responses against the vendor's OpenAPI document (test/fixtures/voucherify/openapi.json, a trimmed copy).
// The document is OpenAPI 3.0, so before handing it to ajv (JSON Schema draft-07) it is adapted:
//  - `nullable: true` becomes a `null` alternative (OpenAPI 3.0 semantics);
//  - `oneOf` becomes `anyOf`: the production spec's unions have no discriminator and their
//    variants overlap (e.g. every async-action result has `message` + `done_count`), so exactly-one
//    can never hold for a valid payload;
//  - a property that is only a `$ref`/`allOf:[$ref]` also accepts null: the spec's build step turns
//    `type: null` unions into `nullable`, which OpenAPI 3.0 cannot express next to a `$ref`, and the
//    vendor's own examples send null there (voucher `discount`, `validity_timeframe`, ...);
//  - `format: "time"` also accepts `HH:mm`: `validity_hours.daily[].start_time` is described as "the starting
//    hour of validity in the HH:mm format" while its schema says `time` (RFC 3339 full-time, with seconds).
// The contract test proves these adaptations are needed and sufficient by validating every
// vendor 2xx example with the same validator.

import * as fs from "node:fs";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { vendorPath } from "./support";

type Node = Record<string, unknown>;

function isRefOnly(node: unknown): boolean {
  if (typeof node !== "object" || node === null) return false;
  const n = node as Node;
  if (typeof n.$ref === "string" && n.type === undefined) return true;
  return Array.isArray(n.allOf) && n.allOf.length === 1 && n.type === undefined && n.properties === undefined;
}

function adapt(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(adapt);
  if (typeof node !== "object" || node === null) return node;
  const out: Node = {};
  for (const [k, v] of Object.entries(node as Node)) {
    if (k === "example" || k === "examples") continue;
    if (k === "oneOf") out.anyOf = adapt(v);
    else if (k === "properties" && typeof v === "object" && v !== null) {
      const props: Node = {};
      for (const [name, schema] of Object.entries(v as Node)) {
        const adapted = adapt(schema);
        props[name] = isRefOnly(schema) ? { anyOf: [adapted, { type: "null" }] } : adapted;
      }
      out.properties = props;
    } else out[k] = adapt(v);
  }
  if (out.nullable === true) {
    delete out.nullable;
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    } else {
      return { anyOf: [out, { type: "null" }] };
    }
  } else if (out.nullable === false) {
    delete out.nullable;
  }
  return out;
}

export interface Operation {
  method: string;
  template: string;
  segments: string[];
  /** `text`: the response is documented as text/plain (an export download). */
  responses: Record<string, { schemaRef?: string; text?: boolean }>;
}

export class OpenApiValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly errorValidator: ValidateFunction;

  constructor() {
    const spec = JSON.parse(fs.readFileSync(vendorPath("openapi.json"), "utf8")) as Node;
    const paths = spec.paths as Record<string, Record<string, Node>>;
    for (const [template, item] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!["get", "post", "put", "delete"].includes(method)) continue;
        const responses: Operation["responses"] = {};
        for (const [status, response] of Object.entries((op.responses ?? {}) as Record<string, Node>)) {
          const content = response.content as Record<string, { schema?: { $ref?: string } }> | undefined;
          responses[status] = {
            schemaRef: content?.["application/json"]?.schema?.$ref,
            text: content?.["text/plain"] !== undefined,
          };
        }
        this.operations.push({
          method: method.toUpperCase(),
          template,
          segments: template.split("/"),
          responses,
        });
      }
    }
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addFormat("time", /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/);
    const components = adapt(spec.components) as Node;
    this.ajv.addSchema({ $id: "spec.json", components }, "spec.json");
    this.errorValidator = this.ajv.compile({
      allOf: [
        { $ref: "spec.json#/components/schemas/Error" },
        {
          type: "object",
          required: ["code", "key", "message", "details", "request_id"],
          properties: {
            code: { type: "integer" },
            key: { type: "string" },
            message: { type: "string" },
            details: { type: "string" },
            request_id: { type: "string" },
            resource_id: { type: "string" },
            resource_type: { type: "string" },
          },
        },
      ],
    });
  }

  /** The operation of a concrete request path (static segments preferred over parameters). */
  operation(method: string, rawPath: string): Operation | undefined {
    return this.candidateOperations(method, rawPath)[0];
  }

  /**
   * The operations a concrete path can be, most specific first. Two documented operations can share a path:
   * GET /v1/exports/{exportId} (JSON) and GET /v1/exports/{export_Id} (the CSV download, text/plain).
   */
  private candidateOperations(method: string, rawPath: string): Operation[] {
    const parts = rawPath.split("?")[0]!.split("/");
    const candidates = this.operations.filter(
      (op) =>
        op.method === method &&
        op.segments.length === parts.length &&
        op.segments.every((s, i) => (s.startsWith("{") ? parts[i] !== "" : s === parts[i])),
    );
    const literals = (op: Operation) => op.segments.filter((s) => !s.startsWith("{")).length;
    candidates.sort((a, b) => literals(b) - literals(a));
    return candidates.filter((op) => literals(op) === literals(candidates[0]!));
  }

  /** The operation whose documented response `body` matches, if any (see `candidateOperations`). */
  matchingOperation(method: string, rawPath: string, status: number, body: unknown): Operation | undefined {
    return this.candidateOperations(method, rawPath).find(
      (op) => this.validateOperation(op, status, body).length === 0,
    );
  }

  /** Returns a list of problems; empty when the body matches the documented response. */
  validate(method: string, rawPath: string, status: number, body: unknown): string[] {
    if (status >= 400) {
      return this.errorValidator(body)
        ? []
        : [`error body: ${this.ajv.errorsText(this.errorValidator.errors)}`];
    }
    const ops = this.candidateOperations(method, rawPath);
    if (ops.length === 0) return [`no documented operation for ${method} ${rawPath}`];
    const results = ops.map((op) => this.validateOperation(op, status, body));
    return results.find((problems) => problems.length === 0) ?? results[0]!;
  }

  private validateOperation(op: Operation, status: number, body: unknown): string[] {
    const method = op.method;
    const response = op.responses[String(status)];
    if (!response) return [`status ${status} is not documented for ${method} ${op.template}`];
    if (response.text) {
      return typeof body === "string" ? [] : [`${method} ${op.template} ${status} documents text/plain`];
    }
    if (!response.schemaRef) {
      return body === "" || body === undefined
        ? []
        : [`${method} ${op.template} ${status} documents no body`];
    }
    let validate = this.compiled.get(response.schemaRef);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `spec.json${response.schemaRef}` });
      this.compiled.set(response.schemaRef, validate);
    }
    return validate(body)
      ? []
      : [`${method} ${op.template} ${status}: ${this.ajv.errorsText(validate.errors)}`];
  }
}
