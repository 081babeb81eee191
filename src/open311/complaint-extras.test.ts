import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectInvalid } from '../core/testing.js';
import { createComplaint, getComplaint } from '../records/index.js';
import { makeComplaintInput, recordDeps, seedRecordWorld } from '../records/record.testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';

/*
 * The complaint fields Open311 brings (records: lat, lng, mediaUrl, attributes): stored and read back on both
 * databases, and refused naming the field when malformed.
 */
describe.each(testDatabases)('complaint point, media and attributes on %s', (dialect) => {
  const t = useTestStore(dialect);
  const deps = () => recordDeps(t.db);
  beforeAll(async () => {
    await seedRecordWorld(t.db);
  });

  it('stores and returns them, and null when not given', async () => {
    const created = await createComplaint(
      deps(),
      makeComplaintInput({
        lat: 29.405123456789,
        lng: -120.105987654321,
        mediaUrl: 'https://example.org/a.jpg?x=1&y=%E4%B8%AD',
        attributes: { anonymous: 'no', affected_groups: ['workers', 'residents'] },
      }),
    );
    expect(created).toMatchObject({
      lat: 29.405123456789,
      lng: -120.105987654321,
      mediaUrl: 'https://example.org/a.jpg?x=1&y=%E4%B8%AD',
      attributes: { anonymous: 'no', affected_groups: ['workers', 'residents'] },
    });
    expect(await getComplaint(deps(), created.id)).toEqual(created);
    const plain = await createComplaint(deps(), makeComplaintInput());
    expect(plain).toMatchObject({ lat: null, lng: null, mediaUrl: null, attributes: null });
  });

  it('refuses a half point, coordinates out of range, other URLs and oversized attributes, naming the field', async () => {
    await expectInvalid(createComplaint(deps(), makeComplaintInput({ lat: 29.4 })), 'lng');
    await expectInvalid(createComplaint(deps(), makeComplaintInput({ lng: 120.1 })), 'lat');
    await expectInvalid(createComplaint(deps(), makeComplaintInput({ lat: 90.1, lng: 120 })), 'lat');
    await expectInvalid(createComplaint(deps(), makeComplaintInput({ lat: 29, lng: -180.5 })), 'lng');
    for (const mediaUrl of [
      'ftp://example.org/a.jpg',
      'javascript:alert(1)',
      'not a url',
      `https://e.org/${'a'.repeat(2000)}`,
    ]) {
      await expectInvalid(createComplaint(deps(), makeComplaintInput({ mediaUrl })), 'mediaUrl');
    }
    await expectInvalid(
      createComplaint(deps(), makeComplaintInput({ attributes: { __proto__x: 'a' } })),
      'attributes.__proto__x',
    );
    await expectInvalid(
      createComplaint(deps(), makeComplaintInput({ attributes: { a: 'x'.repeat(501) } })),
      'attributes.a',
    );
    await expectInvalid(createComplaint(deps(), makeComplaintInput({ attributes: { a: [] } })), 'attributes.a');
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`a${i}`, 'x']));
    await expectInvalid(createComplaint(deps(), makeComplaintInput({ attributes: many })), 'attributes');
  });

  it('never stores a malformed point: any pair of numbers is kept exactly or refused naming lat or lng', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.option(fc.double(), { nil: undefined }),
        fc.option(fc.double(), { nil: undefined }),
        async (lat, lng) => {
          const result = await createComplaint(deps(), makeComplaintInput({ lat, lng })).then(
            (complaint) => ({ complaint }),
            (error: { details?: { issues?: { path: string }[] } }) => ({ error }),
          );
          if ('complaint' in result) {
            // Exactly as given, but -0 as 0 on both databases.
            expect([result.complaint.lat, result.complaint.lng]).toEqual([
              lat === undefined ? null : lat + 0,
              lng === undefined ? null : lng + 0,
            ]);
            expect(Math.abs(lat ?? 0)).toBeLessThanOrEqual(90);
          } else {
            expect(result.error.details?.issues?.map((i) => i.path).some((p) => p === 'lat' || p === 'lng')).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
