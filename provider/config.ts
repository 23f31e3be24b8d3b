/**
 * Connection settings for the provider, resolved at run time inside the dynamic-provider process.
 *
 * Sources, in order: stack configuration (delivered to the provider's `configure(req)` by the engine; keys are
 * namespaced, e.g. `voucherify:applicationId`), then environment variables (for CI pipelines), then defaults.
 * An empty string counts as unset. Every problem is reported in one error, and no message ever contains the
 * secret key (it is only ever said to be missing).
 *
 * | stack config                | environment                | default                     |
 * |-----------------------------|----------------------------|-----------------------------|
 * | `voucherify:applicationId`  | `VOUCHERIFY_APP_ID`        | required                    |
 * | `voucherify:secretKey`      | `VOUCHERIFY_SECRET_KEY`    | required (set it `--secret`) |
 * | `voucherify:apiUrl`         | `VOUCHERIFY_API_URL`       | `https://api.voucherify.io` (EU); clusters `https://us1.api.voucherify.io`, `https://as1.api.voucherify.io` |
 * | `voucherify:timeoutMs`      | `VOUCHERIFY_TIMEOUT_MS`    | 30000 (per HTTP attempt)    |
 * | `voucherify:maxRetries`     | `VOUCHERIFY_MAX_RETRIES`   | 4                           |
 * | `voucherify:timeUnitMs`     | `VOUCHERIFY_TIME_UNIT_MS`  | 1000 (backoff base unit; tests set it small) |
 * | `voucherify:asyncTimeoutMs` | `VOUCHERIFY_ASYNC_TIMEOUT_MS` | 600000 (waiting for generation, imports, deletes) |
 *
 * Plain `http://` is refused except for loopback hosts (127.0.0.0/8, localhost, ::1), which is where the
 * emulator runs.
 */
import { hasErrorKind } from "./client/errors";
import type { ClientSettings } from "./client/http";

export const DEFAULT_API_URL = "https://api.voucherify.io";
export const DEFAULT_ASYNC_TIMEOUT_MS = 10 * 60 * 1000;

/** What `configure(req)` hands over: the engine's `req.config`, or any object with the same `get`. */
export interface ConfigSource {
  get(key: string): string | undefined;
}

export type Env = Record<string, string | undefined>;

export interface ConnectionSettings extends ClientSettings {
  /** How long to wait for generation, imports and deletes (async actions) before giving up. */
  asyncTimeoutMs: number;
}

interface Setting {
  config: string;
  env: string;
}

export const CONNECTION_KEYS = {
  applicationId: { config: "voucherify:applicationId", env: "VOUCHERIFY_APP_ID" },
  secretKey: { config: "voucherify:secretKey", env: "VOUCHERIFY_SECRET_KEY" },
  apiUrl: { config: "voucherify:apiUrl", env: "VOUCHERIFY_API_URL" },
  timeoutMs: { config: "voucherify:timeoutMs", env: "VOUCHERIFY_TIMEOUT_MS" },
  maxRetries: { config: "voucherify:maxRetries", env: "VOUCHERIFY_MAX_RETRIES" },
  timeUnitMs: { config: "voucherify:timeUnitMs", env: "VOUCHERIFY_TIME_UNIT_MS" },
  asyncTimeoutMs: { config: "voucherify:asyncTimeoutMs", env: "VOUCHERIFY_ASYNC_TIMEOUT_MS" },
} satisfies Record<string, Setting>;

/** Thrown when the connection settings are missing or invalid; lists every problem. */
export class ConfigurationError extends Error {
  readonly voucherifyErrorKind = "configuration" as const;
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Voucherify provider configuration is incomplete or invalid:\n${problems.map((p) => `  - ${p}`).join("\n")}\n` +
        "Set them with `pulumi config set voucherify:<key> <value>` (use `--secret` for voucherify:secretKey) " +
        "or through the environment variables named above.",
    );
    this.name = "ConfigurationError";
    this.problems = problems;
  }
}

export function isConfigurationError(e: unknown): e is ConfigurationError {
  return hasErrorKind(e, "configuration");
}

function lookup(source: ConfigSource | undefined, env: Env, setting: Setting): string | undefined {
  const fromConfig = source ? source.get(setting.config) : undefined;
  if (fromConfig !== undefined && fromConfig !== "") return fromConfig;
  const fromEnv = env[setting.env];
  if (fromEnv !== undefined && fromEnv !== "") return fromEnv;
  return undefined;
}

function describe(setting: Setting): string {
  return `${setting.config} (or ${setting.env})`;
}

/** True for 127.0.0.0/8, localhost and ::1 (as `URL.hostname` renders them). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  if (h === "localhost" || h === "[::1]" || h === "::1") return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  if (!m) return false;
  return m.slice(1).every((part) => Number(part) <= 255);
}

type ConnectionKey = keyof typeof CONNECTION_KEYS;

/** One problem with one setting: the setting's key (`apiUrl`) and a message naming `voucherify:apiUrl`. */
export interface ConfigProblem {
  key: ConnectionKey;
  message: string;
}

type Report = (key: ConnectionKey, message: string) => void;

function checkApiUrl(raw: string, report: Report): string | undefined {
  const setting = CONNECTION_KEYS.apiUrl;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    report("apiUrl", `${describe(setting)} is not a valid URL`);
    return undefined;
  }
  if (url.username || url.password) {
    report("apiUrl", `${describe(setting)} must not contain credentials`);
    return undefined;
  }
  if (url.protocol === "http:") {
    if (!isLoopbackHost(url.hostname)) {
      report(
        "apiUrl",
        `${describe(setting)} uses plain http; use https (plain http is only allowed for loopback hosts)`,
      );
      return undefined;
    }
  } else if (url.protocol !== "https:") {
    report("apiUrl", `${describe(setting)} must be an https URL, got protocol ${url.protocol}`);
    return undefined;
  }
  if (url.search || url.hash) {
    report("apiUrl", `${describe(setting)} must not have a query or fragment`);
    return undefined;
  }
  // Keep a path prefix (e.g. behind a proxy) but drop trailing slashes; the client appends `/v1/...`.
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, "")}`;
}

function checkInteger(
  raw: string | undefined,
  key: ConnectionKey,
  min: number,
  max: number,
  report: Report,
): number | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  const n = /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    report(
      key,
      `${describe(CONNECTION_KEYS[key])} must be an integer from ${min} to ${max}, got "${trimmed}"`,
    );
    return undefined;
  }
  return n;
}

/**
 * Checks the connection offline: stack config over environment over defaults. Returns the settings, or every
 * problem (never including the secret key). The native provider's CheckConfig reports the problems one by one.
 */
export function checkConnection(
  stackConfig: ConfigSource | undefined,
  env: Env,
): { settings?: ConnectionSettings; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const k = CONNECTION_KEYS;
  const secretKey = lookup(stackConfig, env, k.secretKey);
  const report: Report = (key, message) =>
    problems.push({ key, message: secretKey ? message.split(secretKey).join("[redacted]") : message });

  const applicationId = lookup(stackConfig, env, k.applicationId);
  if (applicationId === undefined) report("applicationId", `${describe(k.applicationId)} is not set`);
  if (secretKey === undefined) report("secretKey", `${describe(k.secretKey)} is not set`);

  const rawUrl = lookup(stackConfig, env, k.apiUrl);
  const apiUrl = checkApiUrl(rawUrl === undefined ? DEFAULT_API_URL : rawUrl, report);

  const timeoutMs = checkInteger(lookup(stackConfig, env, k.timeoutMs), "timeoutMs", 1, 600_000, report);
  const maxRetries = checkInteger(lookup(stackConfig, env, k.maxRetries), "maxRetries", 0, 20, report);
  const timeUnitMs = checkInteger(lookup(stackConfig, env, k.timeUnitMs), "timeUnitMs", 0, 60_000, report);
  const asyncTimeoutMs = checkInteger(
    lookup(stackConfig, env, k.asyncTimeoutMs),
    "asyncTimeoutMs",
    1,
    24 * 60 * 60 * 1000,
    report,
  );

  if (problems.length > 0 || applicationId === undefined || secretKey === undefined || apiUrl === undefined) {
    return { problems };
  }
  const settings: ConnectionSettings = {
    apiUrl,
    applicationId,
    secretKey,
    asyncTimeoutMs: asyncTimeoutMs === undefined ? DEFAULT_ASYNC_TIMEOUT_MS : asyncTimeoutMs,
  };
  if (timeoutMs !== undefined) settings.timeoutMs = timeoutMs;
  if (maxRetries !== undefined) settings.maxRetries = maxRetries;
  if (timeUnitMs !== undefined) settings.timeUnitMs = timeUnitMs;
  return { settings, problems };
}

/**
 * Resolves the connection: stack config over environment over defaults. Throws one `ConfigurationError`
 * listing every problem. Never includes the secret key in an error.
 */
export function resolveConnection(stackConfig: ConfigSource | undefined, env: Env): ConnectionSettings {
  const { settings, problems } = checkConnection(stackConfig, env);
  if (settings === undefined) throw new ConfigurationError(problems.map((p) => p.message));
  return settings;
}

/**
 * Copies only this provider's keys out of the engine's config object, so the module keeps no reference to
 * the rest of the stack's configuration.
 */
export function snapshotConfig(source: ConfigSource): ConfigSource {
  const values: Record<string, string> = {};
  for (const setting of Object.values(CONNECTION_KEYS)) {
    const v = source.get(setting.config);
    if (v !== undefined) values[setting.config] = v;
  }
  return { get: (key: string) => values[key] };
}
