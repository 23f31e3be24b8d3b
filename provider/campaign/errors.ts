// Errors of the Campaign resource's operations. Each carries a string brand, because the provider runs from
// serialized copies of these classes and `instanceof` fails across them.
import { hasErrorKind } from "../client/errors";

export function describeError(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// The partial failure is the kit's, shared by every kind (provider/kit/failure.ts); known here by its old names.
export {
  isPartialFailureError as isCampaignPartialFailureError,
  PartialFailureError as CampaignPartialFailureError,
} from "../kit/failure";

/** A campaign of that name exists and `adopt` is not set (or it is not the one this resource created). */
export class CampaignNameTakenError extends Error {
  readonly voucherifyErrorKind = "name-taken" as const;
  readonly campaignName: string;

  constructor(name: string, cause: unknown, why?: string) {
    super(
      `A Voucherify campaign named "${name}" already exists (409 duplicate_found)${why === undefined ? "" : `, and ${why}`}. ` +
        "Campaign names are unique: set `adopt: true` on this Campaign to take the existing campaign over (it is " +
        `then updated to match the program), or choose another name. (${describeError(cause)})`,
    );
    this.name = "CampaignNameTakenError";
    this.campaignName = name;
  }
}

export function isCampaignNameTakenError(e: unknown): e is CampaignNameTakenError {
  return hasErrorKind(e, "name-taken");
}
