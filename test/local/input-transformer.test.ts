// Rule target input: the documented InputTransformer examples, CDK's rendering
// (`RuleTargetInput.fromObject` writes unquoted placeholders), the predefined
// variables, and Input / InputPath.
import { describe, expect, it } from 'vitest';
import { targetInput, transformInput, type EventEnvelope } from '../../local/eventbridge/input-transformer.ts';

const event: EventEnvelope = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', count: 3, tags: { team: 'growth' } },
};
const rule = { name: 'state-rule', arn: 'arn:aws:events:us-east-1:123456789012:rule/state-rule' };
const paths = { instance: '$.detail.instance-id', state: '$.detail.state', count: '$.detail.count', tags: '$.detail.tags' };

describe('InputTransformer', () => {
  it('fills a plain-text template with the values as they are', () => {
    expect(transformInput({ InputPathsMap: paths, InputTemplate: '<instance> is in state <state>' }, event, rule)).toBe('i-0123456789 is in state RUNNING');
  });

  it('in a JSON template, takes values as JSON outside quotes and as text inside them', () => {
    const out = transformInput(
      { InputPathsMap: paths, InputTemplate: '{"myInstance": <instance>, "myStatus": "<instance> is in state \\"<state>\\"", "n": <count>, "tags": <tags>}' },
      event,
      rule,
    );
    expect(JSON.parse(out)).toEqual({ myInstance: 'i-0123456789', myStatus: 'i-0123456789 is in state "RUNNING"', n: 3, tags: { team: 'growth' } });
  });

  it("renders CDK's RuleTargetInput.fromObject({eventId: EventField.eventId, detail: EventField.fromPath('$.detail')}) as the execution input", () => {
    const out = transformInput({ InputPathsMap: { id: '$.id', detail: '$.detail' }, InputTemplate: '{"eventId":<id>,"detail":<detail>}' }, event, rule);
    expect(JSON.parse(out)).toEqual({ eventId: event.id, detail: event.detail });
  });

  it('gives null for a path the event does not have (outside quotes) and empty text inside quotes', () => {
    const out = transformInput({ InputPathsMap: { gone: '$.detail.nothing' }, InputTemplate: '{"a": <gone>, "b": "x<gone>y"}' }, event, rule);
    expect(JSON.parse(out)).toEqual({ a: null, b: 'xy' });
  });

  it('escapes quotes and backslashes of string values placed inside a JSON string', () => {
    const tricky = { ...event, detail: { text: 'say "hi" \\ now' } };
    const out = transformInput({ InputPathsMap: { t: '$.detail.text' }, InputTemplate: '{"quoted": "<t>"}' }, tricky, rule);
    expect(JSON.parse(out)).toEqual({ quoted: 'say "hi" \\ now' });
  });

  it('offers the predefined variables: rule name and ARN, ingestion time, the event without and with detail', () => {
    const out = transformInput(
      { InputTemplate: '{"rule": <aws.events.rule-name>, "arn": "<aws.events.rule-arn>", "at": <aws.events.event.ingestion-time>, "e": <aws.events.event>, "all": <aws.events.event.json>}' },
      event,
      rule,
      '2015-11-11T21:29:55Z',
    );
    const parsed = JSON.parse(out) as Record<string, unknown>;
    expect(parsed.rule).toBe('state-rule');
    expect(parsed.arn).toBe(rule.arn);
    expect(parsed.at).toBe('2015-11-11T21:29:55Z');
    expect(parsed.e).toEqual({ ...event, detail: undefined });
    expect(parsed.all).toEqual(event);
  });

  it('leaves text in angle brackets that names no variable alone', () => {
    expect(transformInput({ InputPathsMap: paths, InputTemplate: '"a <b> c <state>"' }, event, rule)).toBe('"a <b> c RUNNING"');
  });
});

describe('targetInput', () => {
  it('sends the whole event by default, a constant Input, or the part at InputPath', () => {
    expect(JSON.parse(targetInput({}, event, rule))).toEqual(event);
    expect(targetInput({ input: '{"fixed":true}' }, event, rule)).toBe('{"fixed":true}');
    expect(JSON.parse(targetInput({ inputPath: '$.detail' }, event, rule))).toEqual(event.detail);
  });
});
