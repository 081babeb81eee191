import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dosDateTime, setZipEntryTimes } from './zip-times.js';

/**
 * A two-entry ZIP64 archive (written by Python's zipfile with its ZIP64 limit lowered to 10 bytes): the second
 * entry's local header offset (66) is only in its ZIP64 extra field, and the archive has a ZIP64 end record.
 */
const ZIP64 = Buffer.from(
  'UEsDBC0AAAAAAKMgQypuJBbw//////////8FABQAYS50eHQBABAACwAAAAAAAAALAAAAAAAAAGZpcnN0IGVudHJ5UEsDBC0AAAAAAKMgQyoz67/g' +
    '//////////8FABQAYi50eHQBABAADAAAAAAAAAAMAAAAAAAAAHNlY29uZCBlbnRyeVBLAQItAy0AAAAAAKMgQypuJBbw//////////8FABQAAAAA' +
    'AAAAAACAAQAAAABhLnR4dAEAEAALAAAAAAAAAAsAAAAAAAAAUEsBAi0DLQAAAAAAoyBDKjPrv+D//////////wUAHAAAAAAAAAAAAIAB/////2Iu' +
    'dHh0AQAYAAwAAAAAAAAADAAAAAAAAABCAAAAAAAAAFBLBgYsAAAAAAAAAC0ALQAAAAAAAAAAAAIAAAAAAAAAAgAAAAAAAACWAAAAAAAAAIUAAAAA' +
    'AAAAUEsGBwAAAAAbAQAAAAAAAAEAAABQSwUGAAAAAAIAAgCWAAAAhQAAAAAA',
  'base64',
);
const LOCAL_HEADERS = [0, 66];
/** The central directory starts at 133; the first record is 46 bytes, a 5-byte name and a 20-byte extra field. */
const CENTRAL_RECORDS = [133, 133 + 46 + 5 + 20];

function stampsAt(zip: Buffer, offsets: number[], field: number): number[][] {
  return offsets.map((at) => [zip.readUInt16LE(at + field), zip.readUInt16LE(at + field + 2)]);
}

describe('setZipEntryTimes', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shanzhi-zip-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('packs a wall clock into MS-DOS time and date words', () => {
    // 2026-11-23 10:20:31 → time 10 << 11 | 20 << 5 | 15, date 46 << 9 | 11 << 5 | 23.
    expect(dosDateTime(new Date('2026-11-23T10:20:31Z'))).toEqual({ time: 21_135, date: 23_927 });
  });

  it.each([
    ['a 32-bit end record', ZIP64],
    ['a ZIP64 end record only', Buffer.from(ZIP64).fill(0xff, ZIP64.length - 6, ZIP64.length - 2)],
  ])('stamps every local header and central record, with %s', async (_, zip) => {
    const path = join(dir, 'a.zip');
    await writeFile(path, zip);
    expect(stampsAt(zip, LOCAL_HEADERS, 10)).toEqual([
      [0x20a3, 0x2a43],
      [0x20a3, 0x2a43],
    ]);
    await setZipEntryTimes(path, new Date('2026-11-23T10:20:31Z'));
    const stamped = await readFile(path);
    const expected = [21_135, 23_927];
    expect(stampsAt(stamped, LOCAL_HEADERS, 10)).toEqual([expected, expected]);
    expect(stampsAt(stamped, CENTRAL_RECORDS, 12)).toEqual([expected, expected]);
    // Nothing else changed.
    for (const at of [...LOCAL_HEADERS.map((o) => o + 10), ...CENTRAL_RECORDS.map((o) => o + 12)]) {
      stamped.writeUInt32LE(zip.readUInt32LE(at), at);
    }
    expect(stamped.equals(zip)).toBe(true);
  });

  it('refuses a file that is not a zip', async () => {
    const path = join(dir, 'not.zip');
    await writeFile(path, 'plain text');
    await expect(setZipEntryTimes(path, new Date())).rejects.toThrow(/not a zip/);
  });
});
