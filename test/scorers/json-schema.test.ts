import { describe, expect, it } from 'vitest';
import { kase, scorerFrom } from './helpers.js';

const schema = '  - json-schema: { schema: { type: object, required: [name, age], properties: { name: { type: string }, age: { type: integer, minimum: 0 } } } }';

describe('json-schema', () => {
  it('passes a matching document', async () => {
    expect(await scorerFrom(schema).score('{"name":"Ada","age":36}', kase({ id: 'a' }))).toEqual([
      { scorer: 'json-schema', criterion: 'json-schema', value: 1, passed: true, reason: 'matches the schema' },
    ]);
  });

  it('fails with the schema errors (all of them, up to 3)', async () => {
    expect(await scorerFrom(schema).score('{"name": 5, "age": -1}', kase({ id: 'a' }))).toEqual([
      {
        scorer: 'json-schema',
        criterion: 'json-schema',
        value: 0,
        passed: false,
        reason: 'schema mismatch: /name must be string; /age must be >= 0',
      },
    ]);
    const [missing] = await scorerFrom(schema).score('{}', kase({ id: 'a' }));
    expect(missing!.reason).toBe("schema mismatch: (root) must have required property 'name'; (root) must have required property 'age'");
  });

  it('fails on non-JSON with the parse error', async () => {
    const [s] = await scorerFrom(schema).score('name: Ada', kase({ id: 'a' }));
    expect(s).toMatchObject({ value: 0, passed: false });
    expect(s!.reason).toMatch(/^not valid JSON/);
  });

  it('an invalid schema is a load-time ConfigError', () => {
    expect(() => scorerFrom('  - json-schema: { schema: { type: nonsense } }')).toThrow(/s\.yaml:5: json-schema: invalid schema: /);
  });
});
