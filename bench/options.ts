// Small helpers the benchmark scripts share: a command-line option's value, and the median of runs.

/** The value after `name` on the command line, if given. */
export function option(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

export { median } from "./startup";
