// EventBridge event pattern matching, per the documented semantics: a pattern
// mirrors the event's structure; every field named must match (AND), the
// values in a field's array are alternatives (OR), an array in the event
// matches when any element does, and `$or` joins alternative sub-patterns.
// Matchers: exact values, prefix, suffix, equals-ignore-case, wildcard,
// anything-but (values, prefix, suffix, equals-ignore-case, wildcard),
// numeric ranges, exists and cidr (IPv4).

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type EventPattern = { readonly [key: string]: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function matchesPattern(pattern: EventPattern, event: unknown): boolean {
  const source = isObject(event) ? event : {};
  for (const [key, expected] of Object.entries(pattern)) {
    if (key === '$or') {
      if (!Array.isArray(expected) || !expected.some((alt) => isObject(alt) && matchesPattern(alt, source))) return false;
      continue;
    }
    const actual = source[key];
    if (Array.isArray(expected)) {
      if (!matchesField(expected, actual)) return false;
    } else if (isObject(expected)) {
      // A nested pattern against an absent or non-object field sees no fields: only `exists: false` leaves can match.
      const nested = Array.isArray(actual) ? actual.filter(isObject) : isObject(actual) ? [actual] : [{}];
      if (!nested.some((value) => matchesPattern(expected, value))) return false;
    } else {
      return false;
    }
  }
  return true;
}

function matchesField(matchers: readonly unknown[], actual: unknown): boolean {
  if (actual === undefined) return matchers.some((m) => isObject(m) && m.exists === false);
  const values: unknown[] = Array.isArray(actual) ? actual : [actual];
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) return matcher.exists === true;
    return values.some((value) => matchesValue(matcher, value as Json));
  });
}

function equalsLiteral(expected: unknown, value: Json): boolean {
  if (typeof expected === 'number' && typeof value === 'number') return expected === value;
  return expected === value;
}

const lower = (s: string) => s.toLowerCase();

function wildcardMatches(pattern: string, value: string): boolean {
  const regex = pattern
    .split(/(\\\*|\*)/)
    .map((part) => (part === '*' ? '.*' : part === '\\*' ? '\\*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${regex}$`, 's').test(value);
}

function prefixOrSuffix(kind: 'prefix' | 'suffix', spec: unknown, value: Json): boolean {
  if (typeof value !== 'string') return false;
  const check = (expected: string, actual: string) => (kind === 'prefix' ? actual.startsWith(expected) : actual.endsWith(expected));
  if (typeof spec === 'string') return check(spec, value);
  if (isObject(spec) && typeof spec['equals-ignore-case'] === 'string') return check(lower(spec['equals-ignore-case']), lower(value));
  return false;
}

function numericMatches(spec: unknown, value: Json): boolean {
  if (typeof value !== 'number' || !Array.isArray(spec)) return false;
  for (let i = 0; i + 1 < spec.length; i += 2) {
    const op = spec[i];
    const bound = Number(spec[i + 1]);
    const ok =
      op === '=' ? value === bound : op === '<' ? value < bound : op === '<=' ? value <= bound : op === '>' ? value > bound : op === '>=' ? value >= bound : false;
    if (!ok) return false;
  }
  return true;
}

function ipv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    const octet = Number(part);
    if (!/^\d{1,3}$/.test(part) || octet > 255) return undefined;
    n = n * 256 + octet;
  }
  return n;
}

function cidrMatches(spec: unknown, value: Json): boolean {
  if (typeof spec !== 'string' || typeof value !== 'string') return false;
  const [base = '', bitsText = '32'] = spec.split('/');
  const network = ipv4(base);
  const address = ipv4(value);
  const bits = Number(bitsText);
  if (network === undefined || address === undefined || !(bits >= 0 && bits <= 32)) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(address / size) === Math.floor(network / size);
}

function anythingBut(spec: unknown, value: Json): boolean {
  if (Array.isArray(spec)) return !spec.some((s) => equalsLiteral(s, value));
  if (isObject(spec)) {
    if ('prefix' in spec) return typeof value === 'string' && !prefixOrSuffix('prefix', spec.prefix, value);
    if ('suffix' in spec) return typeof value === 'string' && !prefixOrSuffix('suffix', spec.suffix, value);
    if ('wildcard' in spec) return typeof value === 'string' && typeof spec.wildcard === 'string' && !wildcardMatches(spec.wildcard, value);
    if ('equals-ignore-case' in spec) {
      const list = Array.isArray(spec['equals-ignore-case']) ? spec['equals-ignore-case'] : [spec['equals-ignore-case']];
      return typeof value === 'string' && !list.some((s) => typeof s === 'string' && lower(s) === lower(value));
    }
    return false;
  }
  return !equalsLiteral(spec, value);
}

function matchesValue(matcher: unknown, value: Json): boolean {
  if (!isObject(matcher)) return equalsLiteral(matcher, value);
  if ('prefix' in matcher) return prefixOrSuffix('prefix', matcher.prefix, value);
  if ('suffix' in matcher) return prefixOrSuffix('suffix', matcher.suffix, value);
  if ('equals-ignore-case' in matcher) {
    const expected = matcher['equals-ignore-case'];
    return typeof value === 'string' && typeof expected === 'string' && lower(value) === lower(expected);
  }
  if ('wildcard' in matcher) return typeof value === 'string' && typeof matcher.wildcard === 'string' && wildcardMatches(matcher.wildcard, value);
  if ('anything-but' in matcher) return anythingBut(matcher['anything-but'], value);
  if ('numeric' in matcher) return numericMatches(matcher.numeric, value);
  if ('cidr' in matcher) return cidrMatches(matcher.cidr, value);
  return false;
}
