import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { useTempDir } from './testing.js';
import { makeZip, type ZipFile } from './xlsx-testing.js';
import { ZipArchive, ZipError } from './xlsx-zip.js';

/** Every entry of a zip file, read through the archive. */
async function readZip(path: string, names: readonly string[]): Promise<Record<string, string>> {
  const zip = await ZipArchive.open(path);
  try {
    const read: Record<string, string> = {};
    for (const name of names) {
      const entry = zip.entry(name);
      read[name] = entry === undefined ? '(missing)' : (await zip.readAll(entry)).toString('utf8');
    }
    return read;
  } finally {
    await zip.close();
  }
}

/** What reading a zip file whole gives: its entries' text, or the error's name and message. */
async function outcome(path: string, names: readonly string[]): Promise<string> {
  try {
    return JSON.stringify(await readZip(path, names));
  } catch (error) {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  }
}

describe('zip archive', () => {
  const temp = useTempDir();
  const files: ZipFile[] = [
    { name: 'a.xml', data: '<a>一二三</a>' },
    { name: 'xl/stored.xml', data: 'stored 存储', method: 0 },
    { name: 'xl/later.xml', data: '数据描述符'.repeat(1000), descriptor: true },
  ];
  const names = files.map((file) => file.name);
  const expected = Object.fromEntries(files.map((file) => [file.name, String(file.data)]));

  it('reads deflated and stored entries, with data descriptors, ZIP64 end records and a comment', async () => {
    for (const options of [{}, { zip64: true }, { comment: 'PK\u0005\u0006 a comment that looks like an end' }]) {
      const path = await temp.file('entries.zip', makeZip(files, options));
      expect(await readZip(path, names)).toEqual(expected);
    }
  });

  it('finds parts whatever their case or leading slash, and names without the UTF-8 flag as CP437', async () => {
    const path = await temp.file('names.zip', makeZip([{ name: 'XL/Workbook.xml', data: 'w' }], { cp437: true }));
    expect(await readZip(path, ['/xl/workbook.xml', 'xl\\WORKBOOK.xml', 'xl/other.xml'])).toEqual({
      '/xl/workbook.xml': 'w',
      'xl\\WORKBOOK.xml': 'w',
      'xl/other.xml': '(missing)',
    });
  });

  it('streams a large entry in chunks, telling the compressed bytes read', async () => {
    const text = Array.from({ length: 40_000 }, (_, i) => `<v>${i}湖门村第四村民小组</v>`).join('');
    const path = await temp.file('large.zip', makeZip([{ name: 'big.xml', data: text }]));
    const zip = await ZipArchive.open(path);
    const entry = zip.entry('big.xml');
    if (!entry) {
      throw new Error('no entry');
    }
    let consumed = 0;
    const chunks: Buffer[] = [];
    for await (const chunk of zip.chunks(entry, (bytes) => {
      consumed += bytes;
    })) {
      chunks.push(chunk);
    }
    await zip.close();
    expect(chunks.length).toBeGreaterThan(2);
    expect(Buffer.concat(chunks).toString('utf8')).toBe(text);
    expect(consumed).toBe(entry.compressedSize);
  });

  it('refuses what is no zip, a truncated zip and a damaged entry with a ZipError', async () => {
    const zip = makeZip(files);
    const notZip = await temp.file('text.zip', Buffer.from('a,b\n1,2\n'.repeat(10)));
    expect(await outcome(notZip, names)).toMatch(/^ZipError: .*no zip end record/);
    const truncated = await temp.file('cut.zip', zip.subarray(0, zip.length - 30));
    expect(await outcome(truncated, names)).toMatch(/^ZipError: /);
    // One byte of the stored entry's data changed: its CRC-32 no longer matches.
    const damaged = Buffer.from(zip);
    const at = damaged.indexOf('stored 存储');
    damaged[at] = 0x53;
    const path = await temp.file('crc.zip', damaged);
    expect(await outcome(path, names)).toMatch(/^ZipError: the zip entry xl\/stored.xml is damaged/);
  });

  it('gives a ZipError or the right data for any damage, never another error or a hang', async () => {
    const zip = makeZip(files);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: zip.length - 1 }).map((cut) => zip.subarray(0, cut)),
          fc
            .array(fc.tuple(fc.integer({ min: 0, max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })), {
              minLength: 1,
              maxLength: 4,
            })
            .map((changes) => {
              const bytes = Buffer.from(zip);
              for (const [at, value] of changes) {
                bytes[at] = value;
              }
              return bytes;
            }),
          fc.integer({ min: 0, max: 300 }).map((length) => randomBytes(length)),
        ),
        async (bytes) => {
          const path = await temp.file('fuzz.zip', bytes);
          const result = await outcome(path, names);
          // Damage the checks cannot see (in a name, a version field, the comment) may leave the data as it was.
          expect(
            result === JSON.stringify(expected) || result.startsWith('ZipError: ') || result.includes('(missing)'),
          ).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is not fooled into reading past its data by sizes in the directory', async () => {
    const zip = makeZip([{ name: 'a.xml', data: 'x'.repeat(100), method: 0 }]);
    const directory = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    zip.writeUInt32LE(0x7fffffff, directory + 20);
    const path = await temp.file('sizes.zip', zip);
    await expect(ZipArchive.open(path)).rejects.toThrow(ZipError);
  });
});
