// Preloaded into every node process of a measured `pulumi` command (NODE_OPTIONS=--require …, bench/scale.ts):
// appends "<role> <peak RSS in KiB>" to $BENCH_RSS_FILE when the process ends. Roles: `program` (the language
// host's program), `dynamic-provider` (the dynamic-provider host), `plugin` (bench/plugin, the native plugin),
// `other`. The engine stops provider processes with a signal, so SIGINT and SIGTERM record too (then exit as the
// signal would).
const fs = require("node:fs");

const file = process.env.BENCH_RSS_FILE;
if (file) {
  const args = process.argv.join(" ");
  const role = args.includes("dynamic-provider")
    ? "dynamic-provider"
    : args.includes("bench/plugin")
      ? "plugin"
      : args.includes("cmd/run")
        ? "program"
        : "other";
  let written = false;
  const write = () => {
    if (written) return;
    written = true;
    fs.appendFileSync(file, `${role} ${process.resourceUsage().maxRSS}\n`);
  };
  process.on("exit", write);
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      write();
      process.kill(process.pid, signal);
    });
  }
}
