/**
 * `new ValidationRule(name, args, opts?)`: a Voucherify validation rule (`val_…`) as a Pulumi resource, referenced
 * by a Campaign's `validationRules: [rule.id]` or a tier's. `name` is autonamed like Campaign's; every field
 * changes with one PUT, so an edit never replaces the rule nor touches a campaign.
 */
import * as pulumi from "@pulumi/pulumi";
import type { Inputify } from "./resource";
import { dynamicProps, dynamicType } from "./resources/dynamic-resource";
import { VALIDATION_RULE_ROWS } from "./resources/validation-rule/kind";
import type { ValidationRuleInputs } from "./schema/validation-rule";

export const VALIDATION_RULE_TYPE = dynamicType("ValidationRule");

/** Every input; `name`, `type` (default expression) and `contextType` (default global) optional. */
export type ValidationRuleArgs = {
  [K in keyof ValidationRuleInputs]?: pulumi.Input<Inputify<ValidationRuleInputs[K]>>;
};

export class ValidationRule extends pulumi.CustomResource {
  declare readonly name: pulumi.Output<string>;
  declare readonly type: pulumi.Output<string>;
  declare readonly contextType: pulumi.Output<string>;
  declare readonly applicableTo: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly bundleRules: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly error: pulumi.Output<{ message?: string } | undefined>;
  declare readonly rules: pulumi.Output<Record<string, unknown> | undefined>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string | undefined>;

  constructor(name: string, args: ValidationRuleArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // Every output registered (undefined unless given), so each property exists on the resource.
    const outputs = [...VALIDATION_RULE_ROWS.map((r) => r.path), "createdAt", "updatedAt"];
    super(
      VALIDATION_RULE_TYPE,
      name,
      dynamicProps("ValidationRule", "validation-rule", name, args, outputs),
      opts,
    );
  }
}
