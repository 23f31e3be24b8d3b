// Preloaded into every node process of a profiled `pulumi` command (NODE_OPTIONS=--require …; node 20 refuses
// --cpu-prof in NODE_OPTIONS): profiles the whole process with the inspector and writes
// $BENCH_CPU_PROF_DIR/<pid>.cpuprofile when it ends. The engine stops the dynamic-provider host with a signal, so
// SIGINT and SIGTERM write the profile too (then exit as the signal would). The inspector answers synchronously
// on the main thread, which is what lets an `exit` handler collect the profile.
const fs = require("node:fs");
const inspector = require("node:inspector");
const path = require("node:path");

// An experiment of bench/profile.ts: no stack traces at all (what @pulumi/pulumi captures per promise).
if (process.env.BENCH_STACK_TRACE_LIMIT !== undefined) {
  Error.stackTraceLimit = Number(process.env.BENCH_STACK_TRACE_LIMIT);
}

// The fix bench/results/profile.md proposes, tried from outside: no stack traces for the four promises
// @pulumi/pulumi makes per registered property (rpc.js transferProperties; resource.js calls it through the
// module object, so replacing the export reaches it). Program processes only.
if (process.env.BENCH_NO_PROPERTY_STACKS === "1" && process.argv.some((a) => a.includes("cmd/run"))) {
  const rpc = require("@pulumi/pulumi/runtime/rpc");
  const transfer = rpc.transferProperties;
  rpc.transferProperties = (...args) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return transfer(...args);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
}

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.start");
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    session.post("Profiler.stop", (error, result) => {
      if (!error)
        fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      write();
      process.kill(process.pid, signal);
    });
  }
}
