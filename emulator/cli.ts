#!/usr/bin/env node
// `voucherify-emulator` (also `npm run emulator`): starts the emulator and prints exactly one line,
// VOUCHERIFY_API_URL=http://HOST:PORT, on stdout when it is ready. Stops cleanly on SIGTERM/SIGINT.
import { USED_CATEGORY_DELETES } from "./categories";
import {
  ADD_VOUCHERS_STATUSES,
  IMMUTABLE_UPDATES,
  JOB_ORDERS,
  PAST_START_DATES,
  READINESS,
  REIMPORT,
} from "./core";
import { DEFAULT_APP_ID, DEFAULT_SECRET_KEY, type EmulatorOptions, startEmulator } from "./index";
import { EMULATOR_PROFILES, type EmulatorProfile, profileOptions } from "./profile";
import { STACKED_TIER_DELETES } from "./promotion-stacks";
import { RATE_LIMIT_WINDOWS } from "./rate-limits";
import { BULK_METADATA_MODES } from "./store";
import { ASSIGNED_RULE_DELETES } from "./validation-rules";

const USAGE = `Usage: voucherify-emulator [options]

  --port N             port to listen on; 0 picks a free one (default 0)
  --host HOST          interface to bind (default 127.0.0.1)
  --app-id ID          expected X-App-Id (default ${DEFAULT_APP_ID})
  --secret-key KEY     expected X-App-Token (default ${DEFAULT_SECRET_KEY})
  --async-delay-ms N   time async actions spend ENQUEUED/IN_PROGRESS (default 100)
  --rate-limit N       /v1 requests allowed per window (default unlimited)
  --rate-limit-window minute|hour
                       window of --rate-limit (default minute; the Sandbox plan: 100 per hour)
  --bulk-rate-limit N  bulk API calls allowed per hour, in their own budget (default: they count
                       against --rate-limit)
  --latency-ms N       extra delay before each /v1 response (default 0)
  --state-file PATH    load state from PATH and save it there (atomically) on changes and exit
  --seed N             reproducible ids and generated codes
  --no-bin             DELETE without force deletes permanently instead of moving to the bin
  --bulk-metadata M    merge (default) or replace: what bulk metadata updates do with existing keys
  --validation-rule ID a validation rule that exists from the start under ID (repeatable)
  --immutable-updates refuse|ignore
                       PUT of a setting the docs call unchangeable: 400 (default) or 200 keeping it
  --past-start-dates refuse|accept
                       campaign create with a start_date in the past: 400 (default) or accepted
  --readiness lenient|strict
                       strict: requests on a campaign still generating or updating its codes
                       answer 400 multiple_requests (default lenient)
  --log-bodies         keep each request's body in the admin request log
  --add-vouchers-status unchanged|in-progress
                       the campaign's vouchers_generation_status while add-vouchers generates
                       codes: kept (default) or IN_PROGRESS until DONE (undocumented either way)
  --timestamp-granularity-ms N
                       created_at of job-made codes cut down to N ms (default 1)
  --assigned-rule-delete unassign|refuse
                       DELETE of a validation rule still assigned: its assignments go with it
                       (default) or 400 (undocumented either way)
  --used-category-delete unassign|refuse
                       DELETE of a category still in use: cleared where it is named (default)
                       or 400 (undocumented either way)
  --stacked-tier-delete drop|refuse
                       DELETE of a promotion tier a stack lists: it leaves the stack (default)
                       or 400 (undocumented either way)
  --job-order fifo|parallel
                       async actions one after another in creation order (default fifo) or each
                       at once
  --reimport update|fail
                       importCSV row of a code the campaign holds: update its active status and
                       category (default) or fail the row
  --default-charset CHARS
                       the project's default code charset, literal or named (default alphanumeric)
  --profile default|pessimistic
                       preset switches (pessimistic: strict readiness, 1000 ms timestamps,
                       immutable updates ignored, an uppercase default charset); flags given
                       as well win
  --help               show this help
`;

function fail(message: string): never {
  process.stderr.write(`voucherify-emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

export function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = { port: 0 };
  let profile: EmulatorProfile = "default";
  const int = (flag: string, value: string | undefined, min: number): number => {
    if (value === undefined || !/^\d+$/.test(value) || Number(value) < min)
      fail(`${flag} needs an integer >= ${min}`);
    return Number(value);
  };
  const choice = <T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T => {
    const found = allowed.find((a) => a === value);
    return found ?? fail(`${flag} needs one of ${allowed.join(", ")}`);
  };
  const text = (flag: string, value: string | undefined): string => value ?? fail(`${flag} needs a value`);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case "--port":
        options.port = int(flag, value(), 0);
        break;
      case "--host":
        options.host = text(flag, value());
        break;
      case "--app-id":
        options.appId = text(flag, value());
        break;
      case "--secret-key":
        options.secretKey = text(flag, value());
        break;
      case "--async-delay-ms":
        options.asyncDelayMs = int(flag, value(), 0);
        break;
      case "--rate-limit":
        options.rateLimit = int(flag, value(), 1);
        break;
      case "--rate-limit-window":
        options.rateLimitWindow = choice(flag, value(), RATE_LIMIT_WINDOWS);
        break;
      case "--bulk-rate-limit":
        options.bulkRateLimit = int(flag, value(), 1);
        break;
      case "--immutable-updates":
        options.immutableUpdates = choice(flag, value(), IMMUTABLE_UPDATES);
        break;
      case "--past-start-dates":
        options.pastStartDates = choice(flag, value(), PAST_START_DATES);
        break;
      case "--readiness":
        options.readiness = choice(flag, value(), READINESS);
        break;
      case "--log-bodies":
        options.logBodies = true;
        break;
      case "--add-vouchers-status":
        options.addVouchersStatus = choice(flag, value(), ADD_VOUCHERS_STATUSES);
        break;
      case "--timestamp-granularity-ms":
        options.timestampGranularityMs = int(flag, value(), 1);
        break;
      case "--job-order":
        options.jobOrder = choice(flag, value(), JOB_ORDERS);
        break;
      case "--reimport":
        options.reimport = choice(flag, value(), REIMPORT);
        break;
      case "--default-charset":
        options.defaultCharset = text(flag, value());
        break;
      case "--profile":
        profile = choice(flag, value(), EMULATOR_PROFILES);
        break;
      case "--latency-ms":
        options.latencyMs = int(flag, value(), 0);
        break;
      case "--state-file":
        options.stateFile = text(flag, value());
        break;
      case "--seed":
        options.seed = int(flag, value(), 0);
        break;
      case "--no-bin":
        options.binOnSoftDelete = false;
        break;
      case "--bulk-metadata":
        options.bulkMetadata = choice(flag, value(), BULK_METADATA_MODES);
        break;
      case "--assigned-rule-delete":
        options.assignedRuleDelete = choice(flag, value(), ASSIGNED_RULE_DELETES);
        break;
      case "--used-category-delete":
        options.usedCategoryDelete = choice(flag, value(), USED_CATEGORY_DELETES);
        break;
      case "--stacked-tier-delete":
        options.stackedTierDelete = choice(flag, value(), STACKED_TIER_DELETES);
        break;
      case "--validation-rule":
        options.validationRuleIds = [...(options.validationRuleIds ?? []), text(flag, value())];
        break;
      case "--help":
      case "-h":
        process.stdout.write(USAGE);
        process.exit(0);
        break;
      default:
        fail(`unknown option ${arg}`);
    }
  }
  return { ...profileOptions(profile), ...options };
}

async function main(): Promise<void> {
  const emulator = await startEmulator(parseArgs(process.argv.slice(2)));
  process.stdout.write(`VOUCHERIFY_API_URL=${emulator.url}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`voucherify-emulator: error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`voucherify-emulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
