// The benchmark's pure helpers: the ideal-time yardstick, the price table
// arithmetic, DynamoDB capacity sums, and reading the Map's concurrency.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignCost, estimateTokens, gbSeconds } from '../../bench/cost.ts';
import { capacityUnits } from '../../bench/dynamodb-meter.ts';
import { efficiency, idealMs } from '../../bench/ideal-time.ts';
import { mapConcurrency } from '../../bench/orchestration.ts';
import { PRICES } from '../../bench/prices.ts';

describe('ideal orchestration time', () => {
  it('is the plan call plus one post latency per wave of the Map', () => {
    expect(idealMs({ posts: 26, concurrency: 10, modelLatencyMs: 1000 })).toBe(4000);
    expect(idealMs({ posts: 20, concurrency: 10, modelLatencyMs: 500 })).toBe(1500);
    expect(idealMs({ posts: 21, concurrency: 10, modelLatencyMs: 500, stateOverheadMs: 120 })).toBe(2120);
    expect(idealMs({ posts: 0, concurrency: 10, modelLatencyMs: 500 })).toBe(500);
  });

  it('never grows with concurrency, and rejects impossible inputs', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.integer({ min: 1, max: 40 }), fc.nat(5000), (posts, concurrency, latency) => {
        expect(idealMs({ posts, concurrency: concurrency + 1, modelLatencyMs: latency })).toBeLessThanOrEqual(idealMs({ posts, concurrency, modelLatencyMs: latency }));
      }),
    );
    expect(() => idealMs({ posts: 5, concurrency: 0, modelLatencyMs: 1 })).toThrow(RangeError);
    expect(() => idealMs({ posts: -1, concurrency: 1, modelLatencyMs: 1 })).toThrow(RangeError);
  });

  it('efficiency is ideal ÷ measured, to three places', () => {
    expect(efficiency(4000, 5000)).toBe(0.8);
    expect(efficiency(4000, 7353)).toBe(0.544);
    expect(efficiency(4000, 0)).toBe(0);
  });
});

describe('cost of a campaign', () => {
  it('multiplies each usage by its list price', () => {
    const cost = campaignCost({
      stateTransitions: 1000,
      lambda: [{ invocations: 1_000_000, totalDurationMs: 1000, memoryMb: 1024 }],
      dynamoDbReadUnits: 1_000_000,
      dynamoDbWriteUnits: 1_000_000,
      eventBridgeEvents: 1_000_000,
      inputTokens: 1_000_000,
      outputTokens: 1_000_000,
    });
    expect(cost.breakdown.stepFunctions).toBeCloseTo(0.025, 10);
    expect(cost.breakdown.lambdaCompute).toBeCloseTo(0.0000133334, 12);
    expect(cost.breakdown.lambdaRequests).toBeCloseTo(0.2, 10);
    expect(cost.breakdown.dynamoDb).toBeCloseTo(0.625 + 0.125, 10);
    expect(cost.breakdown.eventBridge).toBeCloseTo(1, 10);
    expect(cost.model).toBeCloseTo(3 + 15, 10);
    expect(cost.total).toBeCloseTo(cost.infra + cost.model, 12);
  });

  it('bills Lambda duration rounded up to the millisecond, times memory in GB', () => {
    expect(gbSeconds({ invocations: 2, totalDurationMs: 1999.2, memoryMb: 512 })).toBe(1);
    expect(gbSeconds({ invocations: 1, totalDurationMs: 1000, memoryMb: 1024 })).toBe(1);
  });

  it('estimates tokens as characters ÷ 4, rounded up', () => {
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens(4001)).toBe(1001);
  });

  it('keeps every price positive and per single unit', () => {
    for (const [name, price] of Object.entries(PRICES)) {
      expect(price, name).toBeGreaterThan(0);
      expect(price, name).toBeLessThan(0.001);
    }
  });
});

describe('metering helpers', () => {
  it('sums ConsumedCapacity whether DynamoDB returns one entry or a list', () => {
    expect(capacityUnits({ TableName: 't', CapacityUnits: 1.5 })).toBe(1.5);
    expect(capacityUnits([{ CapacityUnits: 2 }, { CapacityUnits: 3 }, { TableName: 'x' }])).toBe(5);
    expect(capacityUnits(undefined)).toBe(0);
  });

  it("reads the Map's MaxConcurrency from a state machine definition", () => {
    const definition = { StartAt: 'Save', States: { Save: { Type: 'Task', Next: 'Posts' }, Posts: { Type: 'Map', MaxConcurrency: 10, ItemProcessor: { States: {} } } } };
    expect(mapConcurrency(definition)).toBe(10);
    expect(mapConcurrency({ States: {} })).toBe(0);
  });
});
