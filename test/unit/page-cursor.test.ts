import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from '../../functions/data/page-cursor.ts';
import { ValidationError } from '../../functions/domain/errors.ts';
import { validationErrorFrom } from './expect-validation-error.ts';

const QUERY = 'GSI3|TENANT#acme#CAMPAIGNS';
const LAST_KEY = {
  PK: 'TENANT#acme#CAMPAIGN#cmp-7',
  SK: 'CAMPAIGN',
  GSI3PK: 'TENANT#acme#CAMPAIGNS',
  GSI3SK: '2027-01-04T09:00:00.000Z#cmp-7',
};

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('page cursors', () => {
  it('GIVEN a last evaluated key WHEN encoded and decoded for the same query THEN the key comes back', () => {
    expect(decodeCursor(QUERY, encodeCursor(QUERY, LAST_KEY))).toEqual(LAST_KEY);
  });

  it('GIVEN any string-valued key WHEN encoded and decoded for the same query THEN it round-trips through a URL-safe token', () => {
    const attributeName = fc.string({ minLength: 1, maxLength: 20 }).filter((name) => name !== '__proto__');
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 80 }), fc.dictionary(attributeName, fc.string({ maxLength: 60 }), { maxKeys: 4 }), (query, key) => {
        const cursor = encodeCursor(query, key);
        expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(decodeCursor(query, cursor)).toEqual({ ...key });
      }),
    );
  });

  it('GIVEN a key with a numeric value WHEN round-tripped THEN the value comes back as a string', () => {
    expect(decodeCursor(QUERY, encodeCursor(QUERY, { PK: 'p', n: 5 }))).toEqual({ PK: 'p', n: '5' });
  });

  it('GIVEN a cursor minted for another query WHEN decoded THEN a ValidationError names cursor', () => {
    const otherTenant = encodeCursor('GSI3|TENANT#globex#CAMPAIGNS', LAST_KEY);
    const otherStatus = encodeCursor('GSI1|TENANT#acme#STATUS#PLANNING', LAST_KEY);
    expect(validationErrorFrom(() => decodeCursor(QUERY, otherTenant)).fields).toEqual(['cursor']);
    expect(validationErrorFrom(() => decodeCursor(QUERY, otherStatus)).fields).toEqual(['cursor']);
  });

  const genuine = encodeCursor(QUERY, LAST_KEY);
  const refused: { what: string; cursor: string }[] = [
    { what: 'an empty string', cursor: '' },
    { what: 'plain words with spaces', cursor: 'not a cursor' },
    { what: 'standard base64 with + / and = padding', cursor: Buffer.from(JSON.stringify({ v: 1, q: QUERY, k: {} })).toString('base64') + '==' },
    { what: 'a genuine cursor with a trailing =', cursor: `${genuine}=` },
    { what: 'a genuine cursor wrapped in whitespace', cursor: ` ${genuine} ` },
    { what: 'base64url of text that is not JSON', cursor: base64url('hello world') },
    { what: 'base64url of JSON null', cursor: base64url('null') },
    { what: 'base64url of a JSON array', cursor: base64url('[]') },
    { what: 'base64url of a body with the wrong version', cursor: base64url(JSON.stringify({ v: 2, q: QUERY, k: LAST_KEY })) },
    { what: 'base64url of a body with non-string key values', cursor: base64url(JSON.stringify({ v: 1, q: QUERY, k: { PK: 1 } })) },
    { what: 'base64url of a body with an extra field', cursor: base64url(JSON.stringify({ v: 1, q: QUERY, k: LAST_KEY, admin: true })) },
    { what: 'a string of 2,049 base64url characters', cursor: 'A'.repeat(2049) },
    {
      what: 'an otherwise valid cursor longer than 2,048 characters',
      cursor: base64url(JSON.stringify({ v: 1, q: QUERY, k: { ...LAST_KEY, pad: 'x'.repeat(1600) } })),
    },
  ];

  it.each(refused)('GIVEN $what WHEN decoded THEN a ValidationError names cursor', ({ cursor }) => {
    expect(validationErrorFrom(() => decodeCursor(QUERY, cursor)).fields).toEqual(['cursor']);
  });

  it('GIVEN any string WHEN decoded THEN it either is a genuine cursor for the query or is refused with a ValidationError', () => {
    const suspects = fc.oneof(
      fc.string({ maxLength: 3000 }),
      fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
      fc.json().map(base64url),
      fc.record({ v: fc.constantFrom(1, 2), q: fc.constantFrom(QUERY, 'other'), k: fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 3 }) }).map((body) => base64url(JSON.stringify(body))),
      fc.tuple(fc.nat({ max: genuine.length - 1 }), fc.stringMatching(/^[A-Za-z0-9_-]$/)).map(([at, ch]) => genuine.slice(0, at) + ch + genuine.slice(at + 1)),
    );
    fc.assert(
      fc.property(suspects, (cursor) => {
        let decoded: Record<string, string>;
        try {
          decoded = decodeCursor(QUERY, cursor);
        } catch (error) {
          expect(error).toBeInstanceOf(ValidationError);
          return;
        }
        // Accepted: the token must really carry a version-1 body for this query, with the returned key.
        const body: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
        expect(body).toMatchObject({ v: 1, q: QUERY, k: decoded });
        expect(cursor.length).toBeLessThanOrEqual(2048);
      }),
      { numRuns: 1000 },
    );
  });
});
