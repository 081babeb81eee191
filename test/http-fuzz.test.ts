import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../src/server/testing.js';
import { testDatabases } from '../src/store/testing.js';

interface OpenApiOperation {
  parameters?: { name: string; in: 'query' | 'path' }[];
}
type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

/** Random text for a parameter: mostly plausible (digits, codes, weeks), sometimes anything at all. */
const value = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[0-9]{1,14}$/),
  fc.constantFrom('2025W23', '2025W99', '2025-06-01', 'true', 'false', '-1', '0', '1e9', '', '%', '\u0000', '苏溪镇'),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

/**
 * Every GET route the app documents, called with random path and query values: the answer is never a 5xx, and
 * every error has the one error shape. Routes come from the OpenAPI document, so a new route is fuzzed without
 * anyone listing it here.
 */
describe.each(testDatabases)('GET routes under random parameters on %s', (dialect) => {
  const t = useTestApp(dialect);

  it('never answer 5xx', async () => {
    const doc = (await t.app.inject({ url: '/api/docs/json' })).json() as { paths: OpenApiPaths };
    const routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
      operations.get ? [{ path, parameters: operations.get.parameters ?? [] }] : [],
    );
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      const queryNames = route.parameters.filter((p) => p.in === 'query').map((p) => p.name);
      await fc.assert(
        fc.asyncProperty(
          fc.array(value, { minLength: 3, maxLength: 3 }),
          fc.dictionary(fc.constantFrom(...queryNames, 'unknown'), value, { maxKeys: 4 }),
          async (pathValues, query) => {
            let i = 0;
            const path = route.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(pathValues[i++] ?? 'x'));
            const search = new URLSearchParams(query).toString();
            const response = await t.app.inject({ url: search ? `${path}?${search}` : path });
            expect(response.statusCode, `${path}?${search}`).toBeLessThan(500);
            if (response.statusCode >= 400) {
              expect(response.json().error.code).toEqual(expect.any(String));
            }
          },
        ),
        { numRuns: 25 },
      );
    }
  });
});
