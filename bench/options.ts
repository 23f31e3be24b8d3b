// Small helpers the benchmark scripts share: a command-line option's value, the median of runs, and appending a
// run to its results file.
import * as fs from "node:fs";
import * as path from "node:path";

/** The value after `name` on the command line, if given. */
export function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export { median } from "./startup";

/** Appends `entry` to bench/results/`name`, starting the file with `title` when it does not exist yet. */
export function appendRun(name: string, title: string, entry: string): void {
  const file = path.join(__dirname, "results", name);
  if (!fs.existsSync(file)) fs.writeFileSync(file, `# ${title}, newest last\n\n`);
  fs.appendFileSync(file, entry);
}
