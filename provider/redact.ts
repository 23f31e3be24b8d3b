// Redaction of secrets from every text the provider writes or throws: the secret key, and voucher codes declared
// secret (the default). A code is replaced by where it is declared (`vouchers[17]`, `vouchersCsv row 5`), so a
// message stays useful without showing the code. Applied by the HTTP client to its errors and retry messages (request
// paths such as /v1/vouchers/{code}, and Voucherify's `details`, `message` and `resource_id`), and by the resource to
// its logs, failure reasons and check failures.

/** Characters that end a token: codes cannot hold whitespace; the rest separate paths, queries and prose. */
const TOKEN = /[^\s"'`,;()[\]{}<>/?&=]+/g;
/** Punctuation a message may put right after a code. */
const TRAILING = /[.:!]+$/;

export type Redact = (text: string) => string;

export const noRedaction: Redact = (text) => text;

export class CodeRedactor {
  private readonly labels = new Map<string, string>();
  /** Codes holding a token separator (rare): replaced by plain search instead of by token. */
  private readonly unusual: string[] = [];

  /** Registers `code` as secret, shown as `label`; the first label given for a code is kept. */
  add(code: string, label: string): void {
    if (code === "" || this.labels.has(code)) return;
    this.labels.set(code, label);
    TOKEN.lastIndex = 0;
    const whole = code.match(TOKEN);
    if (whole === null || whole.length !== 1 || whole[0] !== code || TRAILING.test(code))
      this.unusual.push(code);
  }

  get size(): number {
    return this.labels.size;
  }

  private labelOf(token: string): string | undefined {
    const direct = this.labels.get(token);
    if (direct !== undefined) return direct;
    let decoded = token;
    try {
      decoded = decodeURIComponent(token);
    } catch {
      // not percent-encoded
    }
    return this.labels.get(decoded) ?? this.labels.get(decoded.replace(TRAILING, ""));
  }

  readonly redact: Redact = (text) => {
    if (this.labels.size === 0 || text === "") return text;
    let out = text.replace(TOKEN, (token) => {
      const label = this.labelOf(token);
      if (label === undefined) return token;
      const trailing = TRAILING.exec(token);
      return trailing !== null && this.labels.get(token) === undefined ? `${label}${trailing[0]}` : label;
    });
    for (const code of this.unusual) {
      const label = this.labels.get(code) as string;
      out = out.split(code).join(label).split(encodeURIComponent(code)).join(label);
    }
    return out;
  };
}

/** Replaces every occurrence of `secret` (the API key) with a marker. */
export function secretRedaction(secret: string): Redact {
  return secret === ""
    ? noRedaction
    : (text) => (text.includes(secret) ? text.split(secret).join("[redacted]") : text);
}

/** Applies `redactions` in turn. */
export function chain(...redactions: Redact[]): Redact {
  return (text) => redactions.reduce((t, r) => r(t), text);
}
