// Event pattern matching against the examples in EventBridge's documentation
// ("Comparison operators for use in event patterns", "Content filtering"),
// plus properties that must hold for any event.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../local/eventbridge/event-pattern.ts';

const ec2Event = {
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '111122223333',
  time: '2017-12-22T18:43:48Z',
  region: 'us-west-1',
  resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0'],
  detail: { 'instance-id': 'i-1234567890abcdef0', state: 'terminated', 'c-count': 5, 'd-count': 4, 'x-limit': 301.8, 'source-ip': '10.0.0.123', FileName: 'image.PNG' },
};

describe('documented matchers', () => {
  it('matches exact values, and any of several values in a field (OR) across fields (AND)', () => {
    expect(matchesPattern({ source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] }, ec2Event)).toBe(true);
    expect(matchesPattern({ source: ['aws.ec2'], detail: { state: ['running', 'terminated'] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ source: ['aws.ec2'], detail: { state: ['running', 'stopped'] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ source: ['aws.s3'], detail: { state: ['terminated'] } }, ec2Event)).toBe(false);
  });

  it('matches when any element of an array in the event matches', () => {
    expect(matchesPattern({ resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-1234567890abcdef0', 'other'] }, ec2Event)).toBe(true);
    expect(matchesPattern({ resources: ['arn:aws:ec2:us-west-1:123456789012:instance/i-other'] }, ec2Event)).toBe(false);
  });

  it('prefix, suffix and their ignore-case forms', () => {
    expect(matchesPattern({ time: [{ prefix: '2017-12-22' }] }, ec2Event)).toBe(true);
    expect(matchesPattern({ time: [{ prefix: '2017-10-02' }] }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { FileName: [{ suffix: '.png' }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ source: [{ prefix: { 'equals-ignore-case': 'AWS.' } }] }, ec2Event)).toBe(true);
  });

  it('equals-ignore-case and wildcard', () => {
    expect(matchesPattern({ detail: { state: [{ 'equals-ignore-case': 'TERMINATED' }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { FileName: [{ wildcard: 'image.*' }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { FileName: [{ wildcard: '*/lib/*' }] } }, ec2Event)).toBe(false);
  });

  it('anything-but: a value, a list, a prefix, a suffix, ignoring case', () => {
    expect(matchesPattern({ detail: { state: [{ 'anything-but': 'initializing' }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { state: [{ 'anything-but': 'terminated' }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { state: [{ 'anything-but': ['stopped', 'terminated'] }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { 'c-count': [{ 'anything-but': 5 }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ region: [{ 'anything-but': { prefix: 'us-' } }] }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { FileName: [{ 'anything-but': { suffix: '.png' } }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { state: [{ 'anything-but': { 'equals-ignore-case': 'TERMINATED' } }] } }, ec2Event)).toBe(false);
  });

  it('numeric ranges, from the documented example', () => {
    const pattern = { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } };
    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { 'c-count': [{ numeric: ['>', 5] }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { state: [{ numeric: ['>', 0] }] } }, ec2Event)).toBe(false);
  });

  it('exists true and false', () => {
    expect(matchesPattern({ detail: { state: [{ exists: true }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { state: [{ exists: false }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { 'no-such-field': [{ exists: false }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { 'no-such-field': [{ exists: true }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ 'no-such-object': { inner: [{ exists: false }] } }, ec2Event)).toBe(true);
  });

  it('a missing field matches no value matcher, not even anything-but', () => {
    expect(matchesPattern({ detail: { missing: [{ 'anything-but': 'x' }] } }, ec2Event)).toBe(false);
    expect(matchesPattern({ detail: { missing: ['x'] } }, ec2Event)).toBe(false);
  });

  it('cidr on IPv4 addresses', () => {
    expect(matchesPattern({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, ec2Event)).toBe(true);
    expect(matchesPattern({ detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } }, ec2Event)).toBe(false);
  });

  it('$or joins alternative sub-patterns', () => {
    const pattern = { source: ['aws.ec2'], $or: [{ detail: { state: ['running'] } }, { detail: { 'c-count': [{ numeric: ['>', 4] }] } }] };
    expect(matchesPattern(pattern, ec2Event)).toBe(true);
    expect(matchesPattern({ $or: [{ detail: { state: ['running'] } }, { source: ['aws.s3'] }] }, ec2Event)).toBe(false);
  });

  it("matches MCC's build rule: source and detail-type of the contract", () => {
    const pattern = { source: ['mcc.campaigns'], 'detail-type': ['Campaign Build Requested'] };
    expect(matchesPattern(pattern, { source: 'mcc.campaigns', 'detail-type': 'Campaign Build Requested', detail: {} })).toBe(true);
    expect(matchesPattern(pattern, { source: 'mcc.campaigns', 'detail-type': 'Campaign Updated', detail: {} })).toBe(false);
  });
});

const scalar = fc.oneof(fc.string({ maxLength: 8 }), fc.integer({ min: -1000, max: 1000 }), fc.boolean());
const flatEvent = fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }).filter((k) => k !== '$or'), scalar, { maxKeys: 6 });

describe('properties', () => {
  it('an event matches the pattern made of its own values, and the empty pattern', () => {
    fc.assert(
      fc.property(flatEvent, (event) => {
        const pattern = Object.fromEntries(Object.entries(event).map(([k, v]) => [k, [v]]));
        expect(matchesPattern(pattern, event)).toBe(true);
        expect(matchesPattern({}, event)).toBe(true);
      }),
    );
  });

  it('anything-but v matches exactly the values that are not v', () => {
    fc.assert(
      fc.property(scalar, scalar, (excluded, value) => {
        expect(matchesPattern({ f: [{ 'anything-but': excluded }] }, { f: value })).toBe(excluded !== value);
      }),
    );
  });

  it('prefix p matches exactly the strings starting with p', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4 }), fc.string({ maxLength: 8 }), (prefix, value) => {
        expect(matchesPattern({ f: [{ prefix }] }, { f: value })).toBe(value.startsWith(prefix));
      }),
    );
  });

  it('a numeric range [>= a, < b] matches exactly the numbers in it', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: 100 }), fc.integer({ min: -100, max: 100 }), fc.double({ min: -200, max: 200, noNaN: true }), (a, b, n) => {
        expect(matchesPattern({ f: [{ numeric: ['>=', a, '<', b] }] }, { f: n })).toBe(n >= a && n < b);
      }),
    );
  });

  it('exists tells present from absent fields', () => {
    fc.assert(
      fc.property(flatEvent, fc.string({ minLength: 1, maxLength: 6 }), (event, key) => {
        fc.pre(key !== '$or');
        const present = Object.hasOwn(event, key);
        expect(matchesPattern({ [key]: [{ exists: true }] }, event)).toBe(present);
        expect(matchesPattern({ [key]: [{ exists: false }] }, event)).toBe(!present);
      }),
    );
  });
});
