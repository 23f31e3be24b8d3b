// The Pulumi package schema of the native provider (`voucherify:index:Campaign`), built from the zod input schemas
// (provider/schema/campaign.ts, ./vouchers.ts) and the field model (provider/campaign/fields.ts), never by hand.
// `scripts/gen-schema.ts` writes it to schema.json, which the SDK generator (sdk-gen/) reads; the provider serves
// the same object from GetSchema; a unit test fails when the committed file and this builder disagree.
//
// Pulumi schemas have no unions of object types that every language generates well, so a discriminated union (the
// campaign types, the discount types) becomes one object with the properties of all its variants: `check` enforces
// the per-variant rules at preview, exactly as for the dynamic resource, whose `CampaignArgs` is flat the same way.

import { z } from "zod";
import { CAMPAIGN_FIELD_RULES } from "../campaign/fields";
import { changeText } from "../campaign/fields-doc";
import type { COMPUTED_OUTPUT_KEYS } from "../campaign/outputs";
import { CONNECTION_KEYS } from "../config";
import { referencedFunctions, referencedResources } from "../resources/native-schema";
import { campaignInputSchema } from "../schema/campaign";

type Json = Record<string, unknown>;

export const PACKAGE_NAME = "voucherify";
export const CAMPAIGN_TOKEN = `${PACKAGE_NAME}:index:Campaign`;
/** The lookups (provider/lookups/core.ts) as provider functions: what the TypeScript package exports as functions. */
export const GET_CAMPAIGN_TOKEN = `${PACKAGE_NAME}:index:getCampaign`;
export const LIST_CAMPAIGNS_TOKEN = `${PACKAGE_NAME}:index:listCampaigns`;

const ANY = { $ref: "pulumi.json#/Any" };

/** Inputs and outputs of the two lookups (their results are the lookups' campaign records, camelCase). */
const FUNCTIONS = {
  [GET_CAMPAIGN_TOKEN]: {
    description:
      "A campaign by name or ID (one GET), or no `campaign` when it does not exist. Read-only; a campaign " +
      "someone else manages can be referenced this way.",
    inputs: {
      properties: { nameOrId: { type: "string", description: "The campaign's name or `camp_…` ID." } },
      required: ["nameOrId"],
    },
    outputs: {
      properties: {
        campaign: {
          ...ANY,
          description: "The campaign: its settings in input shape and its computed fields.",
        },
      },
    },
  },
  [LIST_CAMPAIGNS_TOKEN]: {
    description:
      "Every campaign matching the filters, all pages read (one GET per 100). `filters` take the API's " +
      'documented form, e.g. `{ "metadata.team": { conditions: { $is: "growth" } } }`.',
    inputs: {
      properties: {
        campaignType: { type: "string" },
        campaignStatus: { type: "string" },
        isReferralCode: { type: "boolean" },
        order: { type: "string" },
        filters: { ...ANY, description: "Voucherify's `filters[...]`, as an object." },
      },
    },
    outputs: {
      properties: { campaigns: { type: "array", items: ANY } },
      required: ["campaigns"],
    },
  },
};

/** Where the SDKs live once released; the Go SDK's import path follows it. */
export const REPOSITORY = "https://github.com/pulumi-voucherify/pulumi-voucherify";
/**
 * Where the engine downloads the plugin archive (scripts/package-plugin.ts) for a program whose SDK names no other:
 * the GitHub releases of REPOSITORY. `PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES` points it elsewhere (a mirror).
 */
export const PLUGIN_DOWNLOAD_URL = "github://api.github.com/pulumi-voucherify";

/**
 * The Campaign's description with one example in every language, in the `{{% examples %}}` form the SDK generators
 * and the registry read (each SDK keeps its own language's block).
 */
const CAMPAIGN_DESCRIPTION = `A Voucherify campaign with its codes: the same resource as the package's dynamic \`Campaign\`, served by the \`pulumi-resource-voucherify\` plugin.

{{% examples %}}
## Example Usage
{{% example %}}
### Discount coupons: 15 % off, three generated codes

\`\`\`typescript
import * as voucherify from "@pulumi-voucherify/voucherify";

const coupons = new voucherify.Campaign("coupons", {
    campaignType: "DISCOUNT_COUPONS",
    voucher: {
        discount: { type: "PERCENT", percentOff: 15 },
        codeConfig: { pattern: "SPRING-####" },
    },
    vouchersCount: 3,
});
export const campaignId = coupons.campaignId;
\`\`\`
\`\`\`python
import pulumi
import pulumi_voucherify as voucherify

coupons = voucherify.Campaign("coupons",
    campaign_type="DISCOUNT_COUPONS",
    voucher=voucherify.CampaignVoucherArgs(
        discount=voucherify.DiscountArgs(type="PERCENT", percent_off=15),
        code_config=voucherify.CodeConfigArgs(pattern="SPRING-####"),
    ),
    vouchers_count=3)
pulumi.export("campaignId", coupons.campaign_id)
\`\`\`
\`\`\`go
package main

import (
\t"github.com/pulumi-voucherify/pulumi-voucherify/sdk/go/voucherify"
\t"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
\tpulumi.Run(func(ctx *pulumi.Context) error {
\t\tcoupons, err := voucherify.NewCampaign(ctx, "coupons", &voucherify.CampaignArgs{
\t\t\tCampaignType: pulumi.String("DISCOUNT_COUPONS"),
\t\t\tVoucher: &voucherify.CampaignVoucherArgs{
\t\t\t\tDiscount:   &voucherify.DiscountArgs{Type: pulumi.String("PERCENT"), PercentOff: pulumi.Float64(15)},
\t\t\t\tCodeConfig: &voucherify.CodeConfigArgs{Pattern: pulumi.String("SPRING-####")},
\t\t\t},
\t\t\tVouchersCount: pulumi.Int(3),
\t\t})
\t\tif err != nil {
\t\t\treturn err
\t\t}
\t\tctx.Export("campaignId", coupons.CampaignId)
\t\treturn nil
\t})
}
\`\`\`
\`\`\`yaml
resources:
  coupons:
    type: voucherify:index:Campaign
    properties:
      campaignType: DISCOUNT_COUPONS
      voucher:
        discount: { type: PERCENT, percentOff: 15 }
        codeConfig: { pattern: "SPRING-####" }
      vouchersCount: 3
outputs:
  campaignId: \${coupons.campaignId}
\`\`\`
{{% /example %}}
{{% /examples %}}`;
const GO_IMPORT_BASE = "github.com/pulumi-voucherify/pulumi-voucherify/sdk/go/voucherify";

/** A property in Pulumi schema form (`type`, `items`, `$ref`, `additionalProperties`, `description`, …). */
export type PropertySpec = Json;

interface ObjectSpec {
  properties: Record<string, PropertySpec>;
  required: string[];
}

/** Names of the object types, by the property that holds them (array items: by the array's property). */
const TYPE_NAMES: Record<string, string> = {
  voucher: "CampaignVoucher",
  discount: "Discount",
  units: "DiscountUnit",
  product: "ProductRef",
  sku: "ProductRef",
  gift: "Gift",
  loyaltyCard: "LoyaltyCard",
  expirationRules: "LoyaltyCardExpirationRules",
  redemption: "Redemption",
  codeConfig: "CodeConfig",
  validityTimeframe: "ValidityTimeframe",
  validityHours: "ValidityHours",
  daily: "ValidityHoursDaily",
  referralProgram: "ReferralProgram",
  customEvent: "ReferralCustomEvent",
  refereeReward: "RefereeReward",
  relatedObjectParent: "RefereeRewardParent",
  promotion: "Promotion",
  tiers: "PromotionTier",
  action: "PromotionTierAction",
  vouchers: "VoucherCode",
};

/** The branches of a JSON-schema node: its `oneOf`/`anyOf` alternatives (without `null`), or itself. */
function branches(node: Json): Json[] {
  const alternatives = (node.oneOf ?? node.anyOf) as Json[] | undefined;
  if (alternatives === undefined) return [node];
  return alternatives.flatMap((a) => branches(a)).filter((a) => a.type !== "null");
}

/** Plain-text description from a field-model cell (Markdown table escapes and links removed). */
function plain(text: string): string {
  return text
    .replace(/\\\|/g, "|")
    .replace(/\[([^\]]+)\]\(#[^)]+\)/g, "$1")
    .trim();
}

/** Descriptions of input paths from the field model: its type cell, the default, what a change does. */
function fieldDescriptions(): Map<string, string> {
  const out = new Map<string, string>();
  for (const rule of CAMPAIGN_FIELD_RULES) {
    const type = plain(rule.doc.type);
    const parts = [/[.)]$/.test(type) ? type : `${type}.`];
    if (rule.doc.default !== undefined) parts.push(`Default: ${plain(rule.doc.default)}.`);
    parts.push(`Change: ${plain(changeText(rule))}.`);
    out.set(rule.path, parts.join(" "));
  }
  return out;
}

class SchemaBuilder {
  readonly types: Record<string, Json> = {};
  private readonly descriptions = fieldDescriptions();

  /** The Pulumi property for a JSON-schema node at input path `path` (dotted, camelCase). */
  property(node: Json, path: string): PropertySpec {
    const key = path.split(".").pop() as string;
    const alternatives = branches(node);
    const spec = this.propertyOf(alternatives, path, key);
    const description = this.descriptions.get(path);
    return description === undefined ? spec : { ...spec, description };
  }

  private propertyOf(alternatives: Json[], path: string, key: string): PropertySpec {
    const first = alternatives[0] ?? {};
    if (first.$ref !== undefined || Object.keys(first).length === 0) return { $ref: "pulumi.json#/Any" };
    switch (first.type) {
      case "string": {
        const values = [
          ...new Set(
            alternatives.flatMap((a) => (a.enum ?? (a.const !== undefined ? [a.const] : [])) as string[]),
          ),
        ];
        return values.length > 0
          ? { type: "string", description: `One of ${values.join(", ")}.` }
          : { type: "string" };
      }
      case "integer":
      case "number":
      case "boolean":
        return { type: alternatives.some((a) => a.type === "number") ? "number" : first.type };
      case "array":
        return { type: "array", items: this.property(first.items as Json, `${path}[]`) };
      case "object": {
        if (first.properties === undefined)
          return { type: "object", additionalProperties: { $ref: "pulumi.json#/Any" } };
        const name = TYPE_NAMES[key.replace(/\[\]$/, "")];
        if (name === undefined) throw new Error(`schema: no type name for the object at ${path}`);
        this.addObjectType(name, this.merge(alternatives, path.replace(/\[\]/g, "")));
        return { $ref: `#/types/${PACKAGE_NAME}:index:${name}` };
      }
      default:
        throw new Error(`schema: unsupported JSON-schema type ${String(first.type)} at ${path}`);
    }
  }

  /** One object from the variants of a union: every property of any variant, required when all require it. */
  merge(variants: Json[], path: string): ObjectSpec {
    const byName = new Map<string, Json[]>();
    for (const variant of variants) {
      for (const [name, node] of Object.entries((variant.properties ?? {}) as Record<string, Json>)) {
        byName.set(name, [...(byName.get(name) ?? []), ...branches(node)]);
      }
    }
    const properties: Record<string, PropertySpec> = {};
    for (const [name, nodes] of byName) {
      const at = path === "" ? name : `${path}.${name}`;
      properties[name] = this.property(nodes.length === 1 ? (nodes[0] as Json) : { anyOf: nodes }, at);
    }
    const required = [...byName.keys()].filter((name) =>
      variants.every(
        (v) => ((v.required ?? []) as string[]).includes(name) && (v.properties as Json)[name] !== undefined,
      ),
    );
    return { properties, required };
  }

  private addObjectType(name: string, spec: ObjectSpec): void {
    const token = `${PACKAGE_NAME}:index:${name}`;
    const existing = this.types[token] as ObjectSpec | undefined;
    if (existing !== undefined) {
      // The same shape in two places (a tier's discount and a voucher's): one type with the properties of both.
      spec = {
        properties: { ...spec.properties, ...existing.properties },
        required: existing.required.filter((r) => spec.required.includes(r)),
      };
    }
    this.types[token] = {
      type: "object",
      properties: sortKeys(spec.properties),
      required: spec.required.sort(),
    };
  }
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => a.localeCompare(b)));
}

/** Outputs the API computes (provider/campaign/outputs.ts), each with its schema type. */
const COMPUTED_OUTPUTS: Record<(typeof COMPUTED_OUTPUT_KEYS)[number], PropertySpec> = {
  campaignId: {
    type: "string",
    description: "The Voucherify campaign ID (`camp_…`), also the resource's id.",
  },
  createdAt: { type: "string", description: "When the campaign was created (ISO-8601)." },
  updatedAt: { type: "string", description: "When the campaign was last updated (ISO-8601)." },
  creationStatus: { type: "string", description: "DONE, IN_PROGRESS, FAILED, DRAFT or MODIFYING." },
  vouchersGenerationStatus: {
    type: "string",
    description: "Status of the generation of the campaign's codes.",
  },
  totalVouchers: {
    type: "integer",
    description: "Number of codes in the campaign as last read from the API.",
  },
  isActive: { type: "boolean", description: "Whether the campaign is active according to the API." },
  categoryIdActual: { type: "string", description: "The category ID the API reports." },
  tierIds: {
    type: "object",
    additionalProperties: { type: "string" },
    description: "PROMOTION: each tier's ID (`promo_…`) by its key.",
  },
  vouchersGenerated: {
    type: "integer",
    description: "How many codes this resource generated; vouchersCount grows from it, never twice.",
  },
  vouchersUnverified: {
    type: "boolean",
    description:
      "Set when an import may or may not have taken effect: the next up reads the campaign's codes first.",
  },
};

/** Provider configuration: the `voucherify:*` stack settings of provider/config.ts. */
function configVariables(): Record<string, PropertySpec> {
  const out: Record<string, PropertySpec> = {};
  for (const [key, setting] of Object.entries(CONNECTION_KEYS)) {
    const numeric = key.endsWith("Ms") || key === "maxRetries";
    const spec: PropertySpec = {
      type: numeric ? "integer" : "string",
      description: `Stack config \`${setting.config}\`; when unset, the environment variable ${setting.env}.`,
    };
    if (key === "secretKey") spec.secret = true;
    // Read by the SDKs' Provider classes and shown in the registry docs; the plugin reads the variable as well.
    spec.defaultInfo = { environment: [setting.env] };
    out[key] = spec;
  }
  return out;
}

/** The package schema, for `version` (the npm package's). */
export function buildSchema(version: string): Json {
  const builder = new SchemaBuilder();
  const root = z.toJSONSchema(campaignInputSchema() as z.ZodType, {
    io: "input",
    unrepresentable: "any",
  }) as Json;
  const campaign = builder.merge(branches(root), "");
  // `vouchersCsvDigest` and `vouchersCsvRows` are computed by check from the file: outputs, not inputs.
  const inputProperties = { ...campaign.properties };
  delete inputProperties.vouchersCsvDigest;
  delete inputProperties.vouchersCsvRows;
  const outputs: Record<string, PropertySpec> = { ...campaign.properties, ...COMPUTED_OUTPUTS };
  // Inline codes come back as canonical JSON text, sorted by code (see provider/codes/encoding.ts).
  outputs.vouchers = {
    type: "string",
    secret: true,
    description:
      "The declared codes as canonical JSON text, sorted by code (a secret unless vouchersSecret is false).",
  };
  const config = configVariables();
  return {
    name: PACKAGE_NAME,
    displayName: "Voucherify",
    version,
    description:
      "Voucherify campaigns as code: discount coupons, gift vouchers, loyalty and referral programs, promotions.",
    keywords: ["pulumi", "voucherify", "category/utility", "kind/native"],
    homepage: REPOSITORY,
    repository: REPOSITORY,
    license: "Apache-2.0",
    publisher: "pulumi-voucherify",
    pluginDownloadURL: PLUGIN_DOWNLOAD_URL,
    meta: { moduleFormat: "(.*)" },
    language: {
      // respectSchemaVersion: the SDKs carry this version, so programs ask the engine for the matching plugin.
      nodejs: {
        packageName: "@pulumi-voucherify/voucherify",
        dependencies: { "@pulumi/pulumi": "^3.0.0" },
        respectSchemaVersion: true,
      },
      go: {
        importBasePath: GO_IMPORT_BASE,
        generateResourceContainerTypes: false,
        respectSchemaVersion: true,
      },
      python: {
        packageName: "pulumi_voucherify",
        requires: { pulumi: ">=3.0.0,<4.0.0" },
        respectSchemaVersion: true,
      },
    },
    config: { variables: config },
    provider: {
      description: "The Voucherify provider: the connection to one Voucherify project.",
      inputProperties: config,
      properties: config,
    },
    functions: { ...FUNCTIONS, ...referencedFunctions() },
    resources: {
      [CAMPAIGN_TOKEN]: {
        description: CAMPAIGN_DESCRIPTION,
        inputProperties: sortKeys(inputProperties),
        requiredInputs: campaign.required.filter((r) => r in inputProperties),
        properties: sortKeys(outputs),
        required: [
          "active",
          "campaignId",
          "campaignType",
          "createdAt",
          "isActive",
          "name",
          "totalVouchers",
          "type",
        ],
      },
      ...referencedResources(),
    },
    types: sortKeys(builder.types),
  };
}
