// Named sets of switches, so a whole test suite can run against the pessimistic reading of the docs:
// strict readiness, job codes stamped to the second, unchangeable fields silently kept (which a
// client only notices as a change that never lands), and a project default charset other than alphanumeric.
import type { EmulatorOptions } from "./index";

export const EMULATOR_PROFILES = ["default", "pessimistic"] as const;
export type EmulatorProfile = (typeof EMULATOR_PROFILES)[number];

/** The environment variable `emulatorOptionsFromEnv` reads. */
export const PROFILE_ENV = "VOUCHERIFY_EMULATOR_PROFILE";

export function profileOptions(profile: EmulatorProfile): EmulatorOptions {
  switch (profile) {
    case "default":
      return {};
    case "pessimistic":
      // A project whose default charset is not alphanumeric (manage/project-settings.mdx: a project setting).
      return {
        readiness: "strict",
        timestampGranularityMs: 1000,
        immutableUpdates: "ignore",
        defaultCharset: "alphabetic_uppercase",
      };
  }
}

export function parseProfile(value: string): EmulatorProfile {
  const profile = EMULATOR_PROFILES.find((p) => p === value);
  if (!profile) {
    throw new Error(
      `voucherify-emulator: unknown profile "${value}"; use one of ${EMULATOR_PROFILES.join(", ")}`,
    );
  }
  return profile;
}

/** Options of the profile named by VOUCHERIFY_EMULATOR_PROFILE (unset or empty = default); throws on others. */
export function emulatorOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): EmulatorOptions {
  const value = env[PROFILE_ENV];
  return profileOptions(value === undefined || value === "" ? "default" : parseProfile(value));
}
