// The emulator in a process of its own, as `npm run emulator` starts it: a benchmark must not share its event
// loop with the client it times (an SDK script in the benchmark's process would slow both down).
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import { APP_ID, type LoggedRequest, SECRET_KEY } from "../test/helpers/emulator";

export interface EmulatorProcess {
  url: string;
  requests(): Promise<LoggedRequest[]>;
  clearRequests(): Promise<void>;
  /** Forgets everything, the rate-limit windows included (POST /_emulator/reset). */
  reset(): Promise<void>;
  settle(): Promise<void>;
  close(): Promise<void>;
}

const CLI = path.resolve(__dirname, "..", "dist", "emulator", "cli.js");

/** Starts `voucherify-emulator` with `flags` (plus the test credentials) and resolves once it listens. */
export async function startEmulatorProcess(flags: string[]): Promise<EmulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, "--port", "0", "--app-id", APP_ID, "--secret-key", SECRET_KEY, ...flags],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    child.once("exit", (code) => reject(new Error(`the emulator exited with ${code} before listening`)));
    child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
      text += chunk;
      const match = /VOUCHERIFY_API_URL=(\S+)/.exec(text);
      if (match?.[1]) resolve(match[1]);
    });
  });
  const admin = async (method: string, route: string): Promise<unknown> => {
    const response = await fetch(`${url}/_emulator/${route}`, { method });
    if (!response.ok) throw new Error(`emulator admin ${method} ${route}: ${response.status}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    url,
    requests: async () => ((await admin("GET", "requests")) as { requests: LoggedRequest[] }).requests,
    clearRequests: async () => {
      await admin("DELETE", "requests");
    },
    reset: async () => {
      await admin("POST", "reset");
    },
    settle: async () => {
      await admin("POST", "settle");
    },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
