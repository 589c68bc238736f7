// Public list prices the cost benchmark multiplies usage by — the ONE place
// they live. US East (N. Virginia), on-demand, no free tier; each line says
// where the figure comes from and when it was read. Update the table, not the
// arithmetic, when AWS changes a price.
export const PRICES = {
  /** Step Functions Standard workflows: $0.025 per 1,000 state transitions (aws.amazon.com/step-functions/pricing, read 2026-11). */
  stepFunctionsPerTransition: 0.025 / 1_000,
  /** Lambda on arm64 (Graviton): $0.0000133334 per GB-second (aws.amazon.com/lambda/pricing, first 7.5 billion GB-s tier, read 2026-11). */
  lambdaArmPerGbSecond: 0.0000133334,
  /** Lambda requests: $0.20 per 1M (aws.amazon.com/lambda/pricing, read 2026-11). */
  lambdaPerRequest: 0.2 / 1_000_000,
  /** DynamoDB on-demand: $0.625 per 1M write request units (aws.amazon.com/dynamodb/pricing/on-demand; the Nov 2024 50% price cut, read 2026-11). */
  dynamoDbPerWriteUnit: 0.625 / 1_000_000,
  /** DynamoDB on-demand: $0.125 per 1M read request units (same page and date). */
  dynamoDbPerReadUnit: 0.125 / 1_000_000,
  /** EventBridge custom events: $1.00 per 1M events put, per 64 KB chunk (aws.amazon.com/eventbridge/pricing, read 2026-11). */
  eventBridgePerEvent: 1.0 / 1_000_000,
  /** Bedrock, Anthropic Claude Sonnet on-demand: $3 per 1M input tokens (aws.amazon.com/bedrock/pricing, read 2026-11). */
  bedrockSonnetPerInputToken: 3 / 1_000_000,
  /** Bedrock, Anthropic Claude Sonnet on-demand: $15 per 1M output tokens (same page and date). */
  bedrockSonnetPerOutputToken: 15 / 1_000_000,
} as const;

export type PriceTable = { readonly [K in keyof typeof PRICES]: number };
