// Content digest of a CSV code source. State keeps this digest instead of the file's rows, so state size does not
// grow with the file and a changed file shows up as a diff at preview without API calls.

import { createHash } from "node:crypto";

/** "sha256:<hex>" of the exact bytes (a string is hashed as UTF-8). */
export function csvDigest(content: string | Buffer): string {
  return `sha256:${createHash("sha256").update(content).digest("hex")}`;
}
