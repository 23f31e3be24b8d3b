// Routing table compiled once: templates like /v1/campaigns/{campaignId}/vouchers/{code} become
// segment matchers; path parameters are URL-decoded (a campaign name may contain spaces or '/');
// static segments win over parameters; a known path with the wrong method yields 405.
import type { IncomingHttpHeaders } from "node:http";
import type { Core } from "./core";

export interface RequestContext {
  core: Core;
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body (undefined when empty) for "json" routes. */
  json: unknown;
  /** Raw body, for multipart routes. */
  raw: Buffer;
  requestId: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Set for a body that is sent as-is (a string), e.g. "text/plain" for an export download; default JSON. */
  contentType?: string;
}

export type Handler = (ctx: RequestContext) => Reply | Promise<Reply>;

export interface RouteDef {
  method: "GET" | "POST" | "PUT" | "DELETE";
  template: string;
  /** How the body is read: JSON (default) or multipart/form-data. */
  body?: "json" | "multipart";
  /** The operation's documented answer to a body over the 10 MB limit, where it differs from the default 413. */
  tooLarge?: () => Reply;
  handler: Handler;
}

interface Compiled {
  def: RouteDef;
  segments: { literal?: string; param?: string }[];
  staticCount: number;
}

export type RouteMatch =
  | { kind: "found"; route: RouteDef; params: Record<string, string> }
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

export class Router {
  private readonly compiled: Compiled[];

  constructor(routes: RouteDef[]) {
    this.compiled = routes.map((def) => {
      const segments = def.template
        .split("/")
        .slice(1)
        .map((s) => (s.startsWith("{") && s.endsWith("}") ? { param: s.slice(1, -1) } : { literal: s }));
      return { def, segments, staticCount: segments.filter((s) => s.literal !== undefined).length };
    });
    // Static beats parameter: more literal segments first.
    this.compiled.sort((a, b) => b.staticCount - a.staticCount);
  }

  match(method: string, rawPath: string): RouteMatch {
    let trimmed = rawPath;
    if (trimmed.length > 1 && trimmed.endsWith("/")) trimmed = trimmed.slice(0, -1);
    const parts = trimmed.split("/").slice(1);
    const allowed = new Set<string>();
    for (const c of this.compiled) {
      const params = matchSegments(c.segments, parts);
      if (!params) continue;
      if (c.def.method === method) return { kind: "found", route: c.def, params };
      allowed.add(c.def.method);
    }
    return allowed.size > 0 ? { kind: "method", allowed: [...allowed] } : { kind: "none" };
  }
}

function matchSegments(
  segments: { literal?: string; param?: string }[],
  parts: string[],
): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    const part = parts[i]!;
    if (seg.literal !== undefined) {
      if (seg.literal !== part) return undefined;
      continue;
    }
    if (part === "") return undefined;
    let decoded: string;
    try {
      decoded = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    params[seg.param!] = decoded;
  }
  return params;
}
