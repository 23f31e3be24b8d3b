// The runtime is the kit's (provider/kit/runtime.ts), shared by every kind; re-exported here for the modules and
// tests that know it by this path.
export {
  configure,
  type Runtime,
  redacted,
  resetConfigForTests,
  runtimeFromConfig,
  setRuntimeForTests,
  waitOptions,
} from "../kit/runtime";
