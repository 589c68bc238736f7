// What a rule target receives: the event itself, a constant `Input`, the part
// at `InputPath`, or an `InputTransformer` — InputPathsMap variables (JSON
// paths into the event, plus the predefined aws.events.* variables) filled
// into InputTemplate. In a JSON template a placeholder outside quotes takes
// the value as JSON (CDK writes `{"eventId":<id>}`), inside quotes as string
// text; a plain-text template takes strings as they are.
import type { InputTransformerSpec } from '../template/app-model.ts';
import { readPath } from '../stepfunctions/definition.ts';

export interface RuleRef {
  readonly name: string;
  readonly arn: string;
}

export interface EventEnvelope {
  readonly version: string;
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources: readonly string[];
  readonly detail: unknown;
}

function variables(spec: InputTransformerSpec, event: EventEnvelope, rule: RuleRef, ingestionTime: string): Map<string, { value: unknown; raw?: boolean }> {
  const vars = new Map<string, { value: unknown; raw?: boolean }>();
  for (const [name, path] of Object.entries(spec.InputPathsMap ?? {})) vars.set(name, { value: readPath(path, event) });
  vars.set('aws.events.rule-arn', { value: rule.arn });
  vars.set('aws.events.rule-name', { value: rule.name });
  vars.set('aws.events.event.ingestion-time', { value: ingestionTime });
  const withoutDetail: Record<string, unknown> = { ...event };
  delete withoutDetail.detail;
  vars.set('aws.events.event', { value: JSON.stringify(withoutDetail), raw: true });
  vars.set('aws.events.event.json', { value: JSON.stringify(event), raw: true });
  return vars;
}

export function transformInput(spec: InputTransformerSpec, event: EventEnvelope, rule: RuleRef, ingestionTime = new Date().toISOString()): string {
  const vars = variables(spec, event, rule, ingestionTime);
  const template = spec.InputTemplate;
  const jsonMode = /^\s*[[{"]/.test(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const ch = template[i] ?? '';
    if (ch === '\\' && inString) {
      out += ch + (template[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') inString = !inString;
    if (ch === '<') {
      const close = template.indexOf('>', i);
      const name = close > i ? template.slice(i + 1, close) : '';
      const variable = vars.get(name);
      if (variable) {
        out += render(variable.value, variable.raw === true, jsonMode, inString);
        i = close;
        continue;
      }
    }
    out += ch;
  }
  return out;
}

function render(value: unknown, raw: boolean, jsonMode: boolean, inString: boolean): string {
  if (raw) return String(value);
  if (inString) {
    if (value === undefined) return '';
    const textValue = typeof value === 'string' ? value : JSON.stringify(value);
    return JSON.stringify(textValue).slice(1, -1);
  }
  if (!jsonMode && typeof value === 'string') return value;
  return value === undefined ? 'null' : JSON.stringify(value);
}

/** The target's input for one matched event, as text. */
export function targetInput(target: { input?: string; inputPath?: string; inputTransformer?: InputTransformerSpec }, event: EventEnvelope, rule: RuleRef): string {
  if (target.input !== undefined) return target.input;
  if (target.inputPath !== undefined) return JSON.stringify(readPath(target.inputPath, event) ?? null);
  if (target.inputTransformer) return transformInput(target.inputTransformer, event, rule);
  return JSON.stringify(event);
}
