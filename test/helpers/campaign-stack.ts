// A Pulumi stack of Campaign resources whose declaration tests can edit between runs, driven by
// the real engine against a test emulator. The program is rebuilt from `spec` on every operation,
// so a test changes `spec` and calls `up()` exactly like a user editing index.ts.
import type { PreviewResult, UpResult } from "@pulumi/pulumi/automation";
import { Campaign, type CampaignArgs } from "pulumi-voucherify";
import { Campaign as NativeCampaign } from "pulumi-voucherify/native";
import { type LocalStack, openLocalStack } from "../../scripts/stack";
import { APP_ID, SECRET_KEY, type TestEmulator } from "./emulator";

export type CampaignSpec = Record<string, CampaignArgs>;

export interface CampaignStack {
  spec: CampaignSpec;
  /** Which Campaign the program declares: the dynamic one (default) or the native one (pulumi-voucherify/native). */
  kind: "dynamic" | "native";
  /** Everything the engine printed so far (checked for leaked secrets). */
  engineOutput: string[];
  up(): Promise<UpResult>;
  preview(opts?: { expectNoChanges?: boolean }): Promise<PreviewResult>;
  refresh(): Promise<{ changes: Record<string, number> }>;
  destroy(): Promise<void>;
  /** Current output `name` of a resource's `field` (after the last up). */
  output(resource: string, field: string): Promise<unknown>;
  /** `pulumi stack export` output (secrets stay encrypted, as in the state file). */
  exportState(): Promise<string>;
  dispose(): Promise<void>;
}

const OUTPUT_FIELDS = ["campaignId", "name", "totalVouchers", "isActive"] as const;

export async function openCampaignStack(
  emulator: TestEmulator,
  initial: CampaignSpec,
  options: { stackName?: string; config?: Record<string, string>; env?: Record<string, string> } = {},
): Promise<CampaignStack> {
  const state: { spec: CampaignSpec; kind: CampaignStack["kind"] } = { spec: initial, kind: "dynamic" };
  const engineOutput: string[] = [];
  const onOutput = (line: string) => {
    engineOutput.push(line);
  };
  const local: LocalStack = await openLocalStack({
    projectName: "voucherify-e2e",
    stackName: options.stackName ?? "e2e",
    env: options.env,
    program: async () => {
      const outputs: Record<string, unknown> = {};
      for (const [name, args] of Object.entries(state.spec)) {
        const campaign = state.kind === "native" ? new NativeCampaign(name, args) : new Campaign(name, args);
        for (const field of OUTPUT_FIELDS) outputs[`${name}.${field}`] = campaign[field];
      }
      return outputs;
    },
    config: {
      "voucherify:apiUrl": { value: emulator.url },
      "voucherify:applicationId": { value: APP_ID },
      "voucherify:secretKey": { value: SECRET_KEY, secret: true },
      // Backoff waits in e2e runs are scaled down: the provider runs in another process, out
      // of reach of fake timers.
      "voucherify:timeUnitMs": { value: "10" },
      ...Object.fromEntries(Object.entries(options.config ?? {}).map(([k, v]) => [k, { value: v }])),
    },
  });
  const stack = local.stack;
  return {
    get spec() {
      return state.spec;
    },
    set spec(next: CampaignSpec) {
      state.spec = next;
    },
    get kind() {
      return state.kind;
    },
    set kind(next: CampaignStack["kind"]) {
      state.kind = next;
    },
    engineOutput,
    up: () => stack.up({ onOutput, color: "never" }),
    preview: (opts = {}) =>
      stack.preview({ onOutput, color: "never", expectNoChanges: opts.expectNoChanges }),
    refresh: async () => {
      const result = await stack.refresh({ onOutput, color: "never" });
      return { changes: (result.summary.resourceChanges ?? {}) as Record<string, number> };
    },
    destroy: async () => {
      await stack.destroy({ onOutput, color: "never" });
    },
    output: async (resource, field) => (await stack.outputs())[`${resource}.${field}`]?.value,
    exportState: async () => local.exportStackText(),
    dispose: () => local.dispose(),
  };
}

/** After a test: destroy what the stack still holds (so no campaign outlives it), then free its folders. */
export async function destroyAndDispose(stack: CampaignStack | undefined): Promise<void> {
  if (!stack) return;
  try {
    await stack.destroy();
  } finally {
    await stack.dispose();
  }
}
