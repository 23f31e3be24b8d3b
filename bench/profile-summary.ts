// Reduces a V8 .cpuprofile (node --cpu-prof) to what bench/results/profile.md reports: which process it is, the
// share of its busy time by kind of work, the share under each dynamic-provider RPC, and the top self-time
// functions. Shares, not seconds: the machine the profiles come from is shared.
//
// Attribution: a sample goes to the first rule that matches its stack (root → leaf frames). Async functions
// lose their callers after an `await`, so "under check/diff" counts only the synchronous stretches whose stack
// still shows the RPC method: a lower bound.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProcessSummary {
  process: string;
  totalMs: number;
  idleMs: number;
  /** Busy milliseconds by kind of work, largest first. */
  kinds: [string, number][];
  /** Busy milliseconds whose stack shows a dynamic-provider RPC method (provider host only). */
  rpcs: [string, number][];
  /** Busy milliseconds by the outermost function of this package on the stack (its entry points), top 8. */
  entries: [string, number][];
  /** Self time by function, largest first (top 15). */
  top: [string, number][];
}

const RPC_METHODS = new Set(["configure", "check", "diff", "create", "read", "update", "delete", "remove"]);
/** Where the provider's RPC methods are: the dynamic-provider host's, or the native plugin's adapter. */
const RPC_URLS = /(cmd\/dynamic-provider\/|\/provider\/native\/provider\.js)/;

function shortUrl(url: string): string {
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) return url.slice(nm + "node_modules/".length);
  const dist = url.indexOf("/dist/");
  if (dist >= 0) return url.slice(dist + 1);
  return url.replace(/^file:\/\//, "").replace(/^.*\/bench\//, "bench/");
}

/** The kind of work of one sample, from its stack (root first). */
function kindOf(stack: CallFrame[]): string {
  const leaf = stack[stack.length - 1];
  if (leaf === undefined) return "other";
  if (leaf.functionName === "(idle)") return "idle";
  if (leaf.functionName === "(garbage collector)") return "garbage collection";
  if (leaf.functionName === "(program)") return "(program): native, unattributed";
  if (stack.some((f) => f.functionName === "requireFromString")) {
    return "provider deserialization (requireFromString)";
  }
  // ts-node installs source-map-support: every `new Error().stack` maps each frame through source maps.
  if (stack.some((f) => f.functionName === "prepareStackTrace")) return "stack traces (source-map-support)";
  if (stack.some((f) => f.url.includes("/ts-node")) && stack.some((f) => f.url.includes("/typescript/"))) {
    return "ts-node compile";
  }
  // A native leaf (readFileUtf8, compileFunction, …) counts where its nearest JavaScript caller is; a module's
  // own top-level code (a frame without a function name) counts as loading it.
  const at = [...stack].reverse().find((f) => f.url !== "") ?? leaf;
  if (
    at.url.startsWith("node:internal/modules/") ||
    (at.functionName === "" && stack.some((f) => f.url.startsWith("node:internal/modules/")))
  ) {
    return "module loading (resolve, read, compile, top-level code)";
  }
  if (at.url.includes("node_modules/zod/")) return "zod";
  if (/(runtime\/rpc\.js|google-protobuf|@grpc\/|struct_pb|_pb\.js)/.test(at.url)) {
    return "serialization (rpc.js, protobuf, grpc)";
  }
  if (at.url.includes("@pulumi/pulumi/")) return "pulumi runtime, other";
  if (/\/dist\/(provider|index)/.test(at.url)) return "provider code";
  if (at.url.startsWith("node:")) return "node internals";
  return "other";
}

function processName(nodes: ProfileNode[]): string {
  if (nodes.some((n) => n.callFrame.url.includes("cmd/dynamic-provider/"))) return "dynamic-provider host";
  if (nodes.some((n) => n.callFrame.url.includes("cmd/run"))) return "program (language host's node)";
  if (nodes.some((n) => n.callFrame.url.includes("/provider/native/server.js"))) return "native plugin";
  return "other node process";
}

function sorted(map: Map<string, number>, n = Number.POSITIVE_INFINITY): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
}

export function summarizeProfile(profile: CpuProfile): ProcessSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const stacks = new Map<number, CallFrame[]>();
  const stackOf = (id: number): CallFrame[] => {
    const known = stacks.get(id);
    if (known) return known;
    const frames: CallFrame[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node) frames.unshift(node.callFrame);
    }
    stacks.set(id, frames);
    return frames;
  };
  const kinds = new Map<string, number>();
  const rpcs = new Map<string, number>();
  const self = new Map<string, number>();
  const entries = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  profile.samples.forEach((id, i) => {
    // V8 records the time to the next sample in the next delta.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    totalMs += ms;
    const stack = stackOf(id);
    const kind = kindOf(stack);
    if (kind === "idle") {
      idleMs += ms;
      return;
    }
    kinds.set(kind, (kinds.get(kind) ?? 0) + ms);
    const rpc = stack.find((f) => RPC_URLS.test(f.url) && RPC_METHODS.has(f.functionName));
    if (rpc) rpcs.set(rpc.functionName, (rpcs.get(rpc.functionName) ?? 0) + ms);
    const entry = stack.find((f) => /\/dist\/(provider|index)/.test(f.url) && f.functionName !== "");
    if (entry) {
      const name = `${entry.functionName} ${shortUrl(entry.url)}`;
      entries.set(name, (entries.get(name) ?? 0) + ms);
    }
    const leaf = stack[stack.length - 1];
    if (leaf) {
      const name = `${leaf.functionName || "(anonymous)"} ${shortUrl(leaf.url)}${leaf.url ? `:${leaf.lineNumber + 1}` : ""}`;
      self.set(name, (self.get(name) ?? 0) + ms);
    }
  });
  return {
    process: processName(profile.nodes),
    totalMs,
    idleMs,
    kinds: sorted(kinds),
    rpcs: sorted(rpcs),
    entries: sorted(entries, 8),
    top: sorted(self, 15),
  };
}

function pct(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : "–";
}

export function renderSummary(s: ProcessSummary): string {
  const busy = s.totalMs - s.idleMs;
  const lines = [
    `**${s.process}**: busy ${pct(busy, s.totalMs)} of its lifetime (${(busy / 1000).toFixed(1)} s sampled while busy; wall time, so a loaded machine stretches it).`,
    "",
    "| kind of work | share of busy |",
    "|---|---:|",
    ...s.kinds.map(([k, ms]) => `| ${k} | ${pct(ms, busy)} |`),
    "",
  ];
  if (s.rpcs.length > 0) {
    lines.push(
      `Under a provider RPC (synchronous stretches only): ${s.rpcs.map(([k, ms]) => `${k} ${pct(ms, busy)}`).join(", ")}.`,
      "",
    );
  }
  if (s.entries.length > 0) {
    lines.push(
      `Under this package's code (outermost function; synchronous stretches only): ${s.entries.map(([k, ms]) => `\`${k}\` ${pct(ms, busy)}`).join(", ")}.`,
      "",
    );
  }
  lines.push(
    "| top self time | share of busy |",
    "|---|---:|",
    ...s.top.map(([k, ms]) => `| \`${k}\` | ${pct(ms, busy)} |`),
    "",
  );
  return lines.join("\n");
}
