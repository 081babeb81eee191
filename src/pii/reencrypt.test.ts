import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../auth/access.js';
import { CipherError, createCipher } from '../core/pii/index.js';
import { createComplaint } from '../records/index.js';
import { makeComplaintInput, recordDeps, seedRecordWorld, testCipher } from '../records/record.testing.js';
import { TEST_SECRET } from '../server/testing.js';
import { testDatabases, useTestStore } from '../store/testing.js';
import { countStaleComplaints, reencryptPersonalData } from './reencrypt.service.js';

const NEW_SECRET = 'shanzhi-test-rotated-secret-not-for-production-11';

describe.each(testDatabases)('re-encrypting personal data after a key rotation on %s', (dialect) => {
  const t = useTestStore(dialect);
  const ids: number[] = [];
  beforeAll(async () => {
    await seedRecordWorld(t.db);
    for (const [i, phone] of ['13812345678', '13900000001', '13700000002', '13600000003', '13500000004'].entries()) {
      const input = makeComplaintInput({ complainantName: `王${i}`, complainantPhone: phone });
      ids.push(
        (await createComplaint(recordDeps(t.db), i === 4 ? { ...input, complainantName: undefined } : input)).id,
      );
    }
  });

  const stored = () =>
    t.db
      .selectFrom('complaint')
      .select(['id', 'complainant_name_enc', 'complainant_phone_enc', 'complainant_phone_hash'])
      .orderBy('id')
      .execute();

  it('refuses to start when a value was made under a key it does not know, and changes nothing', async () => {
    const before = await stored();
    const stranger = createCipher({ secret: NEW_SECRET });
    await expect(reencryptPersonalData({ db: t.db, cipher: stranger, actor: systemActor() })).rejects.toThrow(
      CipherError,
    );
    expect(await stored()).toEqual(before);
  });

  it('moves every value to the new key, batch by batch, audited, and a second run finds nothing to do', async () => {
    const cipher = createCipher({ secret: NEW_SECRET, previousSecrets: [TEST_SECRET] });
    expect(await countStaleComplaints({ db: t.db, cipher })).toBe(5);
    const before = await stored();
    const result = await reencryptPersonalData({ db: t.db, cipher, actor: systemActor() }, 2);
    expect(result).toMatchObject({ complaints: 5, keyId: cipher.keyId });
    const after = await stored();
    for (const [i, row] of after.entries()) {
      const old = before[i] as (typeof before)[number];
      expect(row.complainant_phone_enc?.startsWith(`v1.${cipher.keyId}.`)).toBe(true);
      expect(cipher.decrypt(row.complainant_phone_enc as string)).toBe(
        testCipher.decrypt(old.complainant_phone_enc as string),
      );
      expect(row.complainant_phone_hash).toBe(cipher.blindIndex(cipher.decrypt(row.complainant_phone_enc as string)));
      expect(row.complainant_phone_hash).not.toBe(old.complainant_phone_hash);
      if (old.complainant_name_enc === null) {
        expect(row.complainant_name_enc).toBeNull();
      } else {
        expect(cipher.decrypt(row.complainant_name_enc as string)).toBe(testCipher.decrypt(old.complainant_name_enc));
      }
    }
    // The old secret alone no longer reads them.
    expect(() => testCipher.decrypt(after[0]?.complainant_phone_enc as string)).toThrow(CipherError);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'complaint.reencrypt').execute();
    expect(audit.map((entry) => JSON.parse(entry.after as string).complaints)).toEqual([2, 2, 1]);
    expect(JSON.stringify(audit)).not.toMatch(/1381234|王0/);

    expect(await countStaleComplaints({ db: t.db, cipher })).toBe(0);
    expect((await reencryptPersonalData({ db: t.db, cipher, actor: systemActor() })).complaints).toBe(0);
    expect(await stored()).toEqual(after);
    expect(ids).toHaveLength(5);
  });
});
