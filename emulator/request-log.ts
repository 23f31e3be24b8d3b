// Append-only log of every /v1 request the emulator answered (including injected faults), in
// arrival order; served by GET /_emulator/requests.
export interface LoggedRequest {
  method: string;
  /** The raw request path as sent (percent-encoding kept), without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** HTTP status sent; 0 when an injected fault dropped the connection. */
  status: number;
  /**
   * With `logBodies`: the request body as received, parsed when it is JSON, else its text (a multipart upload
   * keeps its boundaries); absent for an empty body.
   */
  body?: unknown;
}

/** The body as `LoggedRequest.body` records it. */
export function loggedBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export class RequestLog {
  private entries: LoggedRequest[] = [];
  private waiters: { match: (e: LoggedRequest) => boolean; resolve: (e: LoggedRequest) => void }[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
    const ready = this.waiters.filter((w) => w.match(entry));
    this.waiters = this.waiters.filter((w) => !ready.includes(w));
    for (const w of ready) w.resolve(entry);
  }

  /** The first logged request matching `match` (already logged, or as soon as it is); undefined on timeout. */
  waitFor(match: (e: LoggedRequest) => boolean, timeoutMs: number): Promise<LoggedRequest | undefined> {
    const found = this.entries.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const waiter = {
        match,
        resolve: (e: LoggedRequest) => {
          clearTimeout(timer);
          resolve(e);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, timeoutMs);
      timer.unref();
      this.waiters.push(waiter);
    });
  }

  list(): LoggedRequest[] {
    return [...this.entries];
  }

  clear(): void {
    this.entries = [];
  }
}

export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const prev = out[key];
    if (prev === undefined) out[key] = value;
    else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
