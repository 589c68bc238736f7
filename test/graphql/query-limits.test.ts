// GraphQL cost limits on the local endpoint, the ones the template gives
// AppSync (depth, resolver count, introspection) plus the body cap and the
// fragment-expansion guard: an abusive request is answered at once with an
// error and invokes nothing, while an ordinary one still runs. Fragment
// expansion for info.selectionSetList is memoised: a property test checks it
// against writing every fragment out.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { Kind, parse, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPHQL_LIMITS, SCHEMA_PATH } from '../../lib/constructs/graphql-api.ts';
import { devTokenVerifier, signDevToken } from '../../local/graphql/dev-tokens.ts';
import { createLocalGraphql } from '../../local/graphql/local-graphql.ts';
import { fragmentsOf } from '../../local/graphql/query-limits.ts';
import { selectionSetList } from '../../local/graphql/selection-set.ts';

const KEY = new TextEncoder().encode('query-limits-test-signing-key-32-bytes!!');

/** n fragments, each spreading the next twice: 2^n selections when written out, under 2 KB of text. */
function fragmentBomb(n: number): string {
  let fragments = '';
  for (let i = 0; i < n; i += 1) fragments += `fragment F${i} on Campaign { campaignId ${i + 1 < n ? `...F${i + 1} ...F${i + 1}` : 'name'} }\n`;
  return `{ listCampaigns { items { ...F0 } } }\n${fragments}`;
}

describe('local GraphQL cost limits', () => {
  let server: Server;
  let url: string;
  const invoked: unknown[] = [];
  let authorization: string;

  beforeAll(async () => {
    // The resolver Lambda is not what is under test: the limits must refuse before it is called.
    const graphql = createLocalGraphql({
      schemaPath: SCHEMA_PATH,
      resolverFunctionId: 'Resolver',
      verifyToken: devTokenVerifier(KEY),
      limits: { ...GRAPHQL_LIMITS, introspection: false, maxRequestBytes: 64 * 1024 },
      invoke: async (_id, event) => {
        invoked.push(event);
        return { items: [{ campaignId: 'cmp-1', name: 'Spring' }], nextToken: null };
      },
    });
    server = createServer((req, res) => void graphql.handleHttp(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    authorization = await signDevToken(KEY, { sub: 'sam', tenantId: 'acme', groups: ['marketers'], email: 'sam@acme.example.com' });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
    return { status: res.status, body: (await res.json()) as { data?: unknown; errors?: { errorType: string; message: string }[] } };
  }

  it('GIVEN fragments that spread each other twice, 30 deep THEN an error at once and no resolver call', async () => {
    const before = invoked.length;
    const { status, body } = await post(fragmentBomb(30));
    expect(status).toBe(200);
    expect(body.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message: expect.stringContaining('field selections through its fragments') as string });
    expect(invoked.length).toBe(before);
  });

  it('GIVEN a few such fragments THEN the query runs and the resolver gets the flattened selection', async () => {
    const { body } = await post(fragmentBomb(4));
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual({ listCampaigns: { items: [{ campaignId: 'cmp-1', name: 'Spring' }] } });
    expect((invoked.at(-1) as { info: { selectionSetList: string[] } }).info.selectionSetList).toEqual(['items', 'items/campaignId', 'items/name']);
  });

  it('GIVEN more aliased root fields than the resolver count limit THEN refused whole, nothing invoked', async () => {
    const before = invoked.length;
    const aliases = Array.from({ length: 1000 }, (_, i) => `a${i}: listCampaigns { nextToken }`).join(' ');
    const { body } = await post(`{ ${aliases} }`);
    expect(body.errors?.[0]?.message).toBe(`The request would invoke 1000 resolvers; the limit is ${GRAPHQL_LIMITS.resolverCountLimit}`);
    expect(invoked.length).toBe(before);
    // At the limit it runs.
    const atLimit = Array.from({ length: GRAPHQL_LIMITS.resolverCountLimit }, (_, i) => `a${i}: listCampaigns { nextToken }`).join(' ');
    expect((await post(`{ ${atLimit} }`)).body.errors).toBeUndefined();
    expect(invoked.length).toBe(before + GRAPHQL_LIMITS.resolverCountLimit);
  });

  it('GIVEN a query deeper than the depth limit THEN refused before validation walks it', async () => {
    const before = invoked.length;
    const deep = `{ listCampaigns { items { ${'__typename ... on Campaign { '.repeat(3)}campaignId${' }'.repeat(3)} } } }`;
    expect((await post(deep)).body.errors).toBeUndefined();
    // Depth counts fields (inline fragments add none); these do not even exist, and depth is checked first.
    const nested = `{ listCampaigns { items { ${'x { '.repeat(GRAPHQL_LIMITS.queryDepthLimit)}y${' }'.repeat(GRAPHQL_LIMITS.queryDepthLimit)} } } }`;
    const { body } = await post(nested);
    expect(body.errors?.[0]?.message).toMatch(new RegExp(`^Query depth \\d+ exceeds the limit of ${GRAPHQL_LIMITS.queryDepthLimit}$`));
    expect(invoked.length).toBe(before + 1);
  });

  it('GIVEN introspection switched off THEN __schema is a validation error, __typename still works', async () => {
    const { body } = await post('{ __schema { types { name } } }');
    expect(body.errors?.[0]).toMatchObject({ errorType: 'ValidationError', message: expect.stringContaining('introspection') as string });
    expect((await post('{ listCampaigns { __typename } }')).body.errors).toBeUndefined();
  });

  it('GIVEN a body over the cap THEN 413, not parsed, and the next request on a new connection is served', async () => {
    const before = invoked.length;
    const { status, body } = await post('{ listCampaigns { nextToken } }', { padding: 'x'.repeat(200 * 1024) });
    expect(status).toBe(413);
    expect(body.errors?.[0]?.errorType).toBe('PayloadTooLargeException');
    expect(invoked.length).toBe(before);
    expect((await post('{ listCampaigns { nextToken } }')).status).toBe(200);
  });
});

/** The expansion before memoising: every spread written out in place (a reference for the property). */
function writtenOut(field: FieldNode, fragments: Readonly<Record<string, FragmentDefinitionNode>>): string[] {
  const paths: string[] = [];
  const walk = (set: SelectionSetNode | undefined, prefix: string) => {
    for (const s of set?.selections ?? []) {
      if (s.kind === Kind.FIELD) {
        const path = `${prefix}${s.name.value}`;
        if (!paths.includes(path)) paths.push(path);
        walk(s.selectionSet, `${path}/`);
      } else if (s.kind === Kind.INLINE_FRAGMENT) walk(s.selectionSet, prefix);
      else walk(fragments[s.name.value]?.selectionSet, prefix);
    }
  };
  walk(field.selectionSet, '');
  return paths;
}

describe('selectionSetList with memoised fragments', () => {
  it('lists exactly what writing every fragment out lists, in the same order', () => {
    // Fragment i may spread only fragments after it (no cycles, as validation guarantees).
    const doc = fc.integer({ min: 1, max: 5 }).chain((n) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.array(fc.oneof(fc.constantFrom('a', 'b', 'c'), fc.constantFrom('a { b }', 'c { a b }'), ...(i + 1 < n ? [fc.integer({ min: i + 1, max: n - 1 }).map((j) => `...F${j}`)] : [])), { minLength: 1, maxLength: 4 }),
        ),
      ),
    );
    fc.assert(
      fc.property(doc, (bodies) => {
        const text = `{ root { ...F0 x } }\n${bodies.map((b, i) => `fragment F${i} on T { ${b.join(' ')} }`).join('\n')}`;
        const document = parse(text);
        const operation = document.definitions[0] as OperationDefinitionNode;
        const field = operation.selectionSet.selections[0] as FieldNode;
        const fragments = fragmentsOf(document);
        expect(selectionSetList(field, fragments)).toEqual(writtenOut(field, fragments));
      }),
    );
  });
});
