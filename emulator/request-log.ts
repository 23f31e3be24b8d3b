// Append-only log of every /v1 request the emulator answered (including injected faults), in
// arrival order; served by GET /_emulator/requests.
export interface LoggedRequest {
  method: string;
  /** The raw request path as sent (percent-encoding kept), without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** HTTP status sent; 0 when an injected fault dropped the connection. */
  status: number;
}

export class RequestLog {
  private entries: LoggedRequest[] = [];

  add(entry: LoggedRequest): void {
    this.entries.push(entry);
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
