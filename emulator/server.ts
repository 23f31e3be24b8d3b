// node:http glue and the request pipeline for /v1:
// read body (10 MB cap) -> injected faults -> auth -> rate limit -> route (404/405) ->
// content-type + JSON parsing -> handler -> `after` faults -> latency -> respond -> request log.
// /_emulator/* is the unauthenticated admin API. Nothing a client sends can crash the process:
// every failure becomes a vendor-shaped error body.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Core } from "./core";
import {
  ApiError,
  invalidPayload,
  methodNotAllowed,
  payloadTooLarge,
  serverFault,
  tooManyRequests,
  unauthorized,
  unknownRoute,
  unsupportedMediaType,
} from "./errors";
import type { FaultRule } from "./faults";
import { type LoggedRequest, loggedBody, queryObject } from "./request-log";
import type { Reply, RequestContext, Router } from "./router";

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
/** Beyond this the emulator stops draining an oversized body and drops the connection. */
const DRAIN_LIMIT_BYTES = 64 * 1024 * 1024;

export const MARKER_HEADER = "X-Voucherify-Emulator";

interface ReadBody {
  body: Buffer;
  tooLarge: boolean;
  aborted: boolean;
}

function readBody(req: IncomingMessage): Promise<ReadBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    let settled = false;
    const done = (aborted: boolean) => {
      if (settled) return;
      settled = true;
      resolve({ body: tooLarge ? Buffer.alloc(0) : Buffer.concat(chunks), tooLarge, aborted });
    };
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        if (size > DRAIN_LIMIT_BYTES) {
          req.socket.destroy();
          done(true);
        }
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => done(false));
    req.on("error", () => done(true));
    req.on("close", () => done(!req.complete));
  });
}

function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.setHeader(MARKER_HEADER, "1");
  for (const [k, v] of Object.entries(reply.headers ?? {})) res.setHeader(k, v);
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status);
    res.end();
    return;
  }
  const text = reply.contentType ? String(reply.body) : JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    "Content-Type": reply.contentType ?? "application/json; charset=utf-8",
    "Content-Length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

function errorReply(error: ApiError, requestId: string, extra: Record<string, string> = {}): Reply {
  return { status: error.status, body: error.body(requestId), headers: { ...extra, ...error.headers } };
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

function mediaType(req: IncomingMessage): string {
  return String(req.headers["content-type"] ?? "")
    .split(";")[0]!
    .trim()
    .toLowerCase();
}

function isJsonType(type: string): boolean {
  return type === "application/json" || type.endsWith("+json");
}

export function parseJsonBody(raw: Buffer): unknown {
  const text = raw.toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidPayload(`Request body is not valid JSON: ${(error as Error).message}`);
  }
}

export function createRequestListener(core: Core, api: Router, admin: Router) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(core, api, admin, req, res).catch((error: unknown) => {
      process.stderr.write(`voucherify-emulator: unexpected error: ${String(error)}\n`);
      const fallback = new ApiError(
        500,
        "internal_server_error",
        "Internal Server Error",
        "Unexpected emulator error",
      );
      send(res, errorReply(fallback, core.ids.request()));
    });
  };
}

async function handle(core: Core, api: Router, admin: Router, req: IncomingMessage, res: ServerResponse) {
  const method = (req.method ?? "GET").toUpperCase();
  const rawUrl = req.url ?? "/";
  const queryIndex = rawUrl.indexOf("?");
  const path = queryIndex >= 0 ? rawUrl.slice(0, queryIndex) : rawUrl;
  const query = new URLSearchParams(queryIndex >= 0 ? rawUrl.slice(queryIndex + 1) : "");
  const requestId = core.ids.request();
  const read = await readBody(req);
  if (read.aborted) return;

  if (path === "/_emulator" || path.startsWith("/_emulator/")) {
    send(res, await dispatch(core, admin, { method, path, query, req, read, requestId }));
    return;
  }

  const logEntry: LoggedRequest = { method, path, query: queryObject(query), status: 0 };
  if (core.config.logBodies) logEntry.body = loggedBody(read.body);
  const respond = async (reply: Reply) => {
    if (core.config.latencyMs > 0) await delay(core.config.latencyMs);
    logEntry.status = reply.status;
    core.log.add(logEntry);
    send(res, reply);
  };

  // The client gets the rule's status (vendor-shaped body) or, with `reset`, a dropped connection.
  const deliverFault = async (rule: FaultRule): Promise<void> => {
    if (rule.reset) {
      logEntry.status = 0;
      core.log.add(logEntry);
      req.socket.destroy();
      return;
    }
    const status = rule.status ?? 500;
    const headers: Record<string, string> = {};
    if (rule.retryAfter !== undefined) headers["Retry-After"] = String(rule.retryAfter);
    const error = status === 429 ? tooManyRequests(rule.retryAfter ?? 1, headers) : serverFault(status);
    await respond(errorReply(error, requestId, headers));
  };

  const fault = core.faults.take(method, path);
  if (fault?.latencyMs) await delay(fault.latencyMs);
  const breaking = fault !== undefined && (fault.reset === true || fault.status !== undefined);
  if (fault && breaking && !fault.after) {
    await deliverFault(fault);
    return;
  }

  const reply = await authorizedReply(core, api, { method, path, query, req, read, requestId });
  if (method !== "GET" && reply.status < 300) core.onChange();
  // An `after` fault: the request above took effect, but its answer never reaches the client.
  if (fault && breaking) await deliverFault(fault);
  else await respond(reply);
}

/** A request as read off the socket. */
interface Incoming {
  method: string;
  path: string;
  query: URLSearchParams;
  req: IncomingMessage;
  read: ReadBody;
  requestId: string;
}

/** Auth, then the rate limit, then the route; rate-limit headers go on every answer they counted. */
async function authorizedReply(core: Core, api: Router, incoming: Incoming): Promise<Reply> {
  const { method, path, req, requestId } = incoming;
  const appId = req.headers["x-app-id"];
  const token = req.headers["x-app-token"];
  if (appId !== core.config.appId || token !== core.config.secretKey) {
    return errorReply(unauthorized(), requestId);
  }
  const limit = core.rateLimits.hit(method, path, Date.now());
  if (limit && !limit.allowed) {
    return errorReply(tooManyRequests(limit.retryAfterSeconds, limit.headers), requestId);
  }
  const reply = await dispatch(core, api, incoming);
  reply.headers = { ...limit?.headers, ...reply.headers };
  return reply;
}

async function dispatch(core: Core, router: Router, incoming: Incoming): Promise<Reply> {
  const { method, path, query, req, read, requestId } = incoming;
  try {
    const match = router.match(method, path);
    if (match.kind === "none") throw unknownRoute(method, path);
    if (match.kind === "method") throw methodNotAllowed(method, path, match.allowed);
    if (read.tooLarge) {
      if (match.route.tooLarge) return match.route.tooLarge();
      throw payloadTooLarge(MAX_BODY_BYTES);
    }
    const type = mediaType(req);
    let json: unknown;
    if ((match.route.body ?? "json") === "json" && read.body.length > 0) {
      // Bodies on GET/DELETE are ignored, as the SDK sends Content-Type on every call.
      if (method === "POST" || method === "PUT") {
        if (type !== "" && !isJsonType(type)) throw unsupportedMediaType(type, "application/json");
        json = parseJsonBody(read.body);
      }
    }
    const ctx: RequestContext = {
      core,
      method,
      path,
      params: match.params,
      query,
      headers: req.headers,
      json,
      raw: read.body,
      requestId,
    };
    return await match.route.handler(ctx);
  } catch (error) {
    if (error instanceof ApiError) return errorReply(error, requestId);
    process.stderr.write(`voucherify-emulator: handler error on ${method} ${path}: ${String(error)}\n`);
    return errorReply(
      new ApiError(500, "internal_server_error", "Internal Server Error", "Unexpected emulator error"),
      requestId,
    );
  }
}
