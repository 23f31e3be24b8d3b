// Reads GitHub Actions workflows (the GitOps example's) and says which `pulumi` command lines their
// steps amount to, so the e2e test runs exactly what the workflows run: edit a workflow and the
// test follows. Every step must be understood; an unknown step or action input is an error rather
// than something silently left out.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const InputValue = z.union([z.string(), z.number(), z.boolean()]);

const StepSchema = z.object({
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  with: z.record(z.string(), InputValue).default({}),
  "working-directory": z.string().optional(),
});

const JobSchema = z.object({
  "runs-on": z.string(),
  env: z.record(z.string(), z.string()).default({}),
  steps: z.array(StepSchema),
});

const WorkflowSchema = z.object({
  name: z.string(),
  on: z.record(z.string(), z.unknown()),
  env: z.record(z.string(), z.string()).default({}),
  jobs: z.record(z.string(), JobSchema),
});

export type Workflow = z.infer<typeof WorkflowSchema>;
export type WorkflowStep = z.infer<typeof StepSchema>;

/** The workflows in a `.github/workflows` folder, by file name without its extension. */
export function loadWorkflows(dir: string): Record<string, Workflow> {
  const workflows: Record<string, Workflow> = {};
  for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f))) {
    workflows[file.replace(/\.ya?ml$/, "")] = WorkflowSchema.parse(
      parse(fs.readFileSync(path.join(dir, file), "utf8")),
    );
  }
  return workflows;
}

/** The steps that use `pulumi/actions`. */
export function pulumiActionSteps(workflow: Workflow): WorkflowStep[] {
  return Object.values(workflow.jobs).flatMap((job) =>
    job.steps.filter((step) => step.uses?.startsWith("pulumi/actions@")),
  );
}

/**
 * What pulumi/actions (v6) runs for `command`: it drives the CLI through the Automation API
 * (`src/run.ts` of pulumi/actions), whose up/refresh/destroy add `--yes --skip-preview`.
 */
const ACTION_COMMANDS: Record<string, string[]> = {
  preview: ["preview"],
  up: ["up", "--yes", "--skip-preview"],
  update: ["up", "--yes", "--skip-preview"],
  refresh: ["refresh", "--yes", "--skip-preview"],
  destroy: ["destroy", "--yes", "--skip-preview"],
};

/** Boolean inputs that add a CLI flag when "true". */
const ACTION_FLAGS: Record<string, string> = {
  refresh: "--refresh",
  "expect-no-changes": "--expect-no-changes",
  diff: "--diff",
};

/**
 * Inputs that say where or how the action runs rather than what the CLI is asked: `stack-name`,
 * `work-dir` and `upsert` are handled below; `pulumi-version` picks the CLI (a unit test keeps it at
 * the pin); `comment-on-pr` posts the output to the pull request.
 */
const ACTION_SETTINGS = new Set([
  "command",
  "stack-name",
  "work-dir",
  "upsert",
  "pulumi-version",
  "comment-on-pr",
]);

/** Steps that only prepare the runner: the test's copy of the example is the checkout, and it
 * resolves its packages from this repository's node_modules. */
const PREPARATION_ACTIONS = ["actions/checkout@", "actions/setup-node@"];
const PREPARATION_RUNS = new Set(["npm ci"]);

export interface CliStep {
  /** Folder the command runs in, relative to the repository root. */
  workDir: string;
  /** Arguments after `pulumi`. */
  args: string[];
}

function actionCommands(step: WorkflowStep): CliStep[] {
  const inputs = Object.fromEntries(Object.entries(step.with).map(([k, v]) => [k, String(v)]));
  for (const name of Object.keys(inputs)) {
    if (!ACTION_SETTINGS.has(name) && !(name in ACTION_FLAGS)) {
      throw new Error(
        `pulumi/actions input "${name}" has no CLI mapping here: add it to test/helpers/workflows.ts`,
      );
    }
  }
  const { command } = inputs;
  if (command === undefined) return []; // installs the CLI only
  const base = ACTION_COMMANDS[command];
  const stack = inputs["stack-name"];
  if (!base || !stack)
    throw new Error(`pulumi/actions step needs a known command and a stack-name: ${command}`);
  const workDir = inputs["work-dir"] ?? ".";
  const flags = Object.entries(ACTION_FLAGS)
    .filter(([input]) => inputs[input] === "true")
    .map(([, flag]) => flag);
  // The action selects the stack first (creating it with `upsert: true`), then runs the command on it.
  const select = ["stack", "select", ...(inputs.upsert === "true" ? ["--create"] : []), stack];
  return [
    { workDir, args: select },
    { workDir, args: [...base, "--stack", stack, ...flags] },
  ];
}

function runCommands(step: WorkflowStep & { run: string }): CliStep[] {
  const script = step.run.trim();
  if (PREPARATION_RUNS.has(script)) return [];
  // Only plain one-line `pulumi` commands: anything a shell would interpret is out of reach here.
  if (!/^pulumi( [\w@:./=-]+)+$/.test(script)) {
    throw new Error(`the test cannot tell what this run step amounts to: ${script}`);
  }
  return [{ workDir: step["working-directory"] ?? ".", args: script.split(" ").slice(1) }];
}

/** The `pulumi` command lines a workflow's steps amount to, in order. */
export function pulumiCommands(workflow: Workflow): CliStep[] {
  return Object.values(workflow.jobs).flatMap((job) =>
    job.steps.flatMap((step): CliStep[] => {
      if (step.run !== undefined) return runCommands({ ...step, run: step.run });
      if (step.uses?.startsWith("pulumi/actions@")) return actionCommands(step);
      if (PREPARATION_ACTIONS.some((prefix) => step.uses?.startsWith(prefix))) return [];
      throw new Error(`the test cannot tell what this step amounts to: ${step.uses ?? step.name}`);
    }),
  );
}

/**
 * The environment a workflow's jobs get, with `${{ secrets.X }}` and `${{ vars.X }}` filled from
 * the given maps; like GitHub, an unset secret or variable becomes the empty string.
 */
export function workflowEnv(
  workflow: Workflow,
  context: { secrets: Record<string, string>; vars: Record<string, string> },
): Record<string, string> {
  const resolve = (value: string): string =>
    value.replace(/\$\{\{\s*(secrets|vars)\.(\w+)\s*\}\}/g, (_, scope: "secrets" | "vars", name: string) => {
      return context[scope][name] ?? "";
    });
  const env: Record<string, string> = {};
  const sources = [workflow.env, ...Object.values(workflow.jobs).map((job) => job.env)];
  for (const [name, value] of sources.flatMap((source) => Object.entries(source))) {
    if (/\$\{\{(?!\s*(secrets|vars)\.\w+\s*\}\})/.test(value)) {
      throw new Error(`env ${name}: only secrets.* and vars.* expressions are understood here: ${value}`);
    }
    env[name] = resolve(value);
  }
  return env;
}
