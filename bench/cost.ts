// Cost of one campaign from counted usage: pure arithmetic over bench/prices.ts,
// so it can be unit-tested and the figures read back by hand.
import { PRICES, type PriceTable } from './prices.ts';

/** One function's share: how often it ran, how long each run took on average, its configured memory. */
export interface LambdaUsage {
  readonly invocations: number;
  readonly totalDurationMs: number;
  readonly memoryMb: number;
}

export interface CampaignUsage {
  readonly stateTransitions: number;
  readonly lambda: readonly LambdaUsage[];
  readonly dynamoDbReadUnits: number;
  readonly dynamoDbWriteUnits: number;
  readonly eventBridgeEvents: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

export interface CampaignCost {
  readonly infra: number;
  readonly model: number;
  readonly total: number;
  readonly breakdown: {
    readonly stepFunctions: number;
    readonly lambdaCompute: number;
    readonly lambdaRequests: number;
    readonly dynamoDb: number;
    readonly eventBridge: number;
  };
}

/** Lambda bills duration rounded up to the millisecond, times memory in GB (1 GB = 1,024 MB). */
export function gbSeconds(usage: LambdaUsage): number {
  return (Math.ceil(usage.totalDurationMs) / 1000) * (usage.memoryMb / 1024);
}

/** Tokens estimated as characters ÷ 4, the usual rule of thumb for English text. */
export function estimateTokens(text: string | number): number {
  const length = typeof text === 'number' ? text : text.length;
  return Math.ceil(length / 4);
}

export function campaignCost(usage: CampaignUsage, prices: PriceTable = PRICES): CampaignCost {
  const stepFunctions = usage.stateTransitions * prices.stepFunctionsPerTransition;
  const lambdaCompute = usage.lambda.reduce((sum, u) => sum + gbSeconds(u), 0) * prices.lambdaArmPerGbSecond;
  const lambdaRequests = usage.lambda.reduce((sum, u) => sum + u.invocations, 0) * prices.lambdaPerRequest;
  const dynamoDb = usage.dynamoDbReadUnits * prices.dynamoDbPerReadUnit + usage.dynamoDbWriteUnits * prices.dynamoDbPerWriteUnit;
  const eventBridge = usage.eventBridgeEvents * prices.eventBridgePerEvent;
  const infra = stepFunctions + lambdaCompute + lambdaRequests + dynamoDb + eventBridge;
  const model = usage.inputTokens * prices.bedrockSonnetPerInputToken + usage.outputTokens * prices.bedrockSonnetPerOutputToken;
  return { infra, model, total: infra + model, breakdown: { stepFunctions, lambdaCompute, lambdaRequests, dynamoDb, eventBridge } };
}
