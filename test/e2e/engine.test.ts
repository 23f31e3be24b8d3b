// Proves the engine set-up itself: the pinned CLI, the file backend, the inline-program host and
// the dynamic-provider launcher, with a resource that needs no API. If this fails, every other
// e2e failure is about the machine, not the provider.
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { type LocalStack, openLocalStack } from "../../scripts/stack";

interface EchoInputs {
  color: string;
}

const echoProvider: pulumi.dynamic.ResourceProvider<EchoInputs> = {
  async create(inputs) {
    return { id: `echo-${inputs.color}`, outs: { ...inputs, upper: inputs.color.toUpperCase() } };
  },
  async read(id, props) {
    return { id, props };
  },
  async update(_id, _olds, news) {
    return { outs: { ...news, upper: news.color.toUpperCase() } };
  },
};

class Echo extends pulumi.dynamic.Resource {
  declare readonly upper: pulumi.Output<string>;
  constructor(name: string, args: { color: pulumi.Input<string> }) {
    super(echoProvider, name, { ...args, upper: undefined }, {});
  }
}

describe("engine: the real pulumi CLI with a dynamic resource", function () {
  this.timeout(180_000);
  let local: LocalStack | undefined;
  let color = "red";

  before(async () => {
    local = await openLocalStack({
      projectName: "engine-smoke",
      stackName: "dev",
      program: async () => {
        const echo = new Echo("echo", { color });
        return { upper: echo.upper, id: echo.id };
      },
    });
  });

  after(async () => {
    await local?.dispose();
  });

  it("previews, creates, refreshes, updates and destroys with the outputs the provider computed", async () => {
    const stack = local!.stack;
    const preview = await stack.preview();
    assert.equal(preview.changeSummary.create, 2, "stack + echo to create");

    const up = await stack.up();
    assert.equal(up.outputs.upper?.value, "RED");
    assert.equal(up.outputs.id?.value, "echo-red");

    const refresh = await stack.refresh();
    assert.equal(refresh.summary.resourceChanges?.same, 2);
    await stack.preview({ expectNoChanges: true });

    color = "blue";
    const update = await stack.up();
    assert.equal(update.summary.resourceChanges?.update, 1);
    assert.equal(update.outputs.upper?.value, "BLUE");

    const destroy = await stack.destroy();
    assert.equal(destroy.summary.resourceChanges?.delete, 2);
    const state = await stack.exportStack();
    assert.equal((state.deployment.resources ?? []).length, 0);
  });
});
