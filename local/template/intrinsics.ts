// Resolves CloudFormation intrinsic functions in a template to local values:
// Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::ImportValue,
// Fn::If and conditions, Fn::FindInMap, Fn::Base64, Fn::GetAZs and the pseudo
// parameters. Resources get the local names and ARNs of local-names.ts.
import type { CfnTemplate } from './cloud-assembly.ts';
import { attributeValue, physicalName, refValue, type LocalEnvironment } from './local-names.ts';

/** Stands for AWS::NoValue: the property is dropped. */
const NO_VALUE = Symbol('AWS::NoValue');

export class IntrinsicError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntrinsicError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export class TemplateResolver {
  readonly #template: CfnTemplate;
  readonly #env: LocalEnvironment;
  readonly #stackName: string;
  readonly #exports: ReadonlyMap<string, unknown>;
  readonly #names = new Map<string, string>();
  readonly #resolving = new Set<string>();

  constructor(stackName: string, template: CfnTemplate, env: LocalEnvironment, exports: ReadonlyMap<string, unknown> = new Map()) {
    this.#stackName = stackName;
    this.#template = template;
    this.#env = env;
    this.#exports = exports;
  }

  /** The local physical name of a resource (its template name, or derived from the logical ID). */
  nameOf(logicalId: string): string {
    const known = this.#names.get(logicalId);
    if (known) return known;
    const resource = this.#template.Resources?.[logicalId];
    if (!resource) throw new IntrinsicError(`No resource ${logicalId} in stack ${this.#stackName}`);
    if (this.#resolving.has(logicalId)) throw new IntrinsicError(`Circular reference through ${logicalId}`);
    this.#resolving.add(logicalId);
    try {
      // Only naming properties matter here; resolving all properties could loop through references to this resource.
      const naming: Record<string, unknown> = {};
      for (const key of ['TableName', 'BucketName', 'FunctionName', 'Name', 'StateMachineName', 'QueueName']) {
        const value = resource.Properties?.[key];
        if (value !== undefined) naming[key] = this.resolve(value);
      }
      const name = physicalName(this.#env, logicalId, resource, naming);
      this.#names.set(logicalId, name);
      return name;
    } finally {
      this.#resolving.delete(logicalId);
    }
  }

  typeOf(logicalId: string): string {
    const type = this.#template.Resources?.[logicalId]?.Type;
    if (!type) throw new IntrinsicError(`No resource ${logicalId} in stack ${this.#stackName}`);
    return type;
  }

  resolve(value: unknown): unknown {
    const resolved = this.#resolve(value);
    return resolved === NO_VALUE ? undefined : resolved;
  }

  #resolve(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.#resolve(v)).filter((v) => v !== NO_VALUE);
    if (!isRecord(value)) return value;
    const keys = Object.keys(value);
    const key = keys[0];
    if (keys.length === 1 && key && (key === 'Ref' || key.startsWith('Fn::') || key === 'Condition')) return this.#intrinsic(key, value[key]);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const r = this.#resolve(v);
      if (r !== NO_VALUE) out[k] = r;
    }
    return out;
  }

  #intrinsic(name: string, arg: unknown): unknown {
    switch (name) {
      case 'Ref':
        return this.#ref(String(arg));
      case 'Fn::GetAtt': {
        const [logicalId, ...attr] = Array.isArray(arg) ? arg.map(String) : String(arg).split('.');
        if (!logicalId) throw new IntrinsicError(`Bad Fn::GetAtt ${JSON.stringify(arg)}`);
        return attributeValue(this.#env, this.typeOf(logicalId), this.nameOf(logicalId), attr.join('.'));
      }
      case 'Fn::Join': {
        const [sep, parts] = this.#args(name, arg, 2);
        const list = this.#resolve(parts);
        if (!Array.isArray(list)) throw new IntrinsicError('Fn::Join needs a list');
        return list.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(String(sep));
      }
      case 'Fn::Sub':
        return this.#sub(arg);
      case 'Fn::Select': {
        const [index, list] = this.#args(name, arg, 2);
        const items = this.#resolve(list);
        const i = Number(this.#resolve(index));
        if (!Array.isArray(items) || !(i in items)) throw new IntrinsicError(`Fn::Select index ${i} out of range`);
        return items[i];
      }
      case 'Fn::Split': {
        const [sep, source] = this.#args(name, arg, 2);
        return String(this.#resolve(source)).split(String(sep));
      }
      case 'Fn::ImportValue': {
        const exportName = String(this.#resolve(arg));
        if (!this.#exports.has(exportName)) throw new IntrinsicError(`Fn::ImportValue: no stack exports ${exportName}`);
        return this.#exports.get(exportName);
      }
      case 'Fn::If': {
        const [condition, whenTrue, whenFalse] = this.#args(name, arg, 3);
        return this.#resolve(this.condition(String(condition)) ? whenTrue : whenFalse);
      }
      case 'Fn::Equals': {
        const [a, b] = this.#args(name, arg, 2);
        return JSON.stringify(this.#resolve(a)) === JSON.stringify(this.#resolve(b));
      }
      case 'Fn::Not':
        return !this.#truthy(this.#args(name, arg, 1)[0]);
      case 'Fn::And':
        return (arg as unknown[]).every((c) => this.#truthy(c));
      case 'Fn::Or':
        return (arg as unknown[]).some((c) => this.#truthy(c));
      case 'Condition':
        return this.condition(String(arg));
      case 'Fn::FindInMap': {
        const [map, top, second] = this.#args(name, arg, 3).map((a) => String(this.#resolve(a)));
        return this.#template.Mappings?.[map ?? '']?.[top ?? '']?.[second ?? ''];
      }
      case 'Fn::Base64':
        return Buffer.from(String(this.#resolve(arg))).toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((z) => `${this.#env.region}${z}`);
      default:
        throw new IntrinsicError(`Unsupported intrinsic ${name}`);
    }
  }

  /** Evaluates a named condition of the template. */
  condition(name: string): boolean {
    const definition = this.#template.Conditions?.[name];
    if (definition === undefined) throw new IntrinsicError(`No condition ${name}`);
    return this.#truthy(definition);
  }

  #truthy(value: unknown): boolean {
    const r = this.#resolve(value);
    return r === true || r === 'true';
  }

  #args(name: string, arg: unknown, count: number): unknown[] {
    if (!Array.isArray(arg) || arg.length < count) throw new IntrinsicError(`${name} needs ${count} arguments, got ${JSON.stringify(arg)}`);
    return arg;
  }

  #ref(name: string): unknown {
    const { region, account } = this.#env;
    switch (name) {
      case 'AWS::Region':
        return region;
      case 'AWS::AccountId':
        return account;
      case 'AWS::Partition':
        return 'aws';
      case 'AWS::URLSuffix':
        return 'amazonaws.com';
      case 'AWS::StackName':
        return this.#stackName;
      case 'AWS::StackId':
        return `arn:aws:cloudformation:${region}:${account}:stack/${this.#stackName}/local`;
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
    }
    const parameter = this.#template.Parameters?.[name];
    if (parameter) return parameter.Default;
    return refValue(this.#env, this.typeOf(name), this.nameOf(name));
  }

  #sub(arg: unknown): string {
    const [text, vars] = Array.isArray(arg) ? [String(arg[0]), (arg[1] ?? {}) as Record<string, unknown>] : [String(arg), {}];
    return text.replace(/\$\{(!?)([^}]+)\}/g, (_match, literal: string, expr: string) => {
      if (literal) return `\${${expr}}`;
      if (expr in vars) return String(this.#resolve(vars[expr]));
      const dot = expr.indexOf('.');
      if (dot > 0 && !expr.startsWith('AWS::')) return String(this.#intrinsic('Fn::GetAtt', [expr.slice(0, dot), expr.slice(dot + 1)]));
      return String(this.#ref(expr));
    });
  }
}

/** Export name → value for every stack's outputs, resolving stacks in order so later ones can import earlier ones. */
export function collectExports(stacks: readonly { stackName: string; template: CfnTemplate }[], env: LocalEnvironment): Map<string, unknown> {
  const exports = new Map<string, unknown>();
  for (const stack of stacks) {
    const resolver = new TemplateResolver(stack.stackName, stack.template, env, exports);
    for (const output of Object.values(stack.template.Outputs ?? {})) {
      if (!output.Export) continue;
      try {
        exports.set(String(resolver.resolve(output.Export.Name)), resolver.resolve(output.Value));
      } catch {
        // An output that cannot be resolved locally (e.g. a deploy-time attribute) is simply not importable.
      }
    }
  }
  return exports;
}
