import { open } from 'node:fs/promises';

/*
 * exceljs's zip library stamps every entry with the time of writing, so two runs on the same data give different
 * bytes. setZipEntryTimes overwrites those stamps in place (local headers and central directory, PKWARE APPNOTE
 * 4.3.7 and 4.3.12) with one fixed time, which makes the XLSX export a function of its data like the other files.
 */

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/** The MS-DOS time and date words of a wall-clock time (read from the UTC fields of `date`), 2-second resolution. */
export function dosDateTime(date: Date): { time: number; date: number } {
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((date.getUTCFullYear() - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/** The local header offset of a central record whose 32-bit field overflowed: from its ZIP64 extra field. */
function zip64Offset(central: Buffer, at: number): number {
  const nameLength = central.readUInt16LE(at + 28);
  const extraLength = central.readUInt16LE(at + 30);
  let p = at + 46 + nameLength;
  const end = p + extraLength;
  while (p + 4 <= end) {
    const id = central.readUInt16LE(p);
    const size = central.readUInt16LE(p + 2);
    if (id === 0x0001) {
      // The ZIP64 field lists only the values whose 32-bit fields overflowed, in this order.
      let q = p + 4;
      q += central.readUInt32LE(at + 24) === MAX32 ? 8 : 0;
      q += central.readUInt32LE(at + 20) === MAX32 ? 8 : 0;
      return Number(central.readBigUInt64LE(q));
    }
    p += 4 + size;
  }
  throw new Error('zip entry without its ZIP64 offset');
}

/** Set the modification time of every entry of a zip file to `wallClock` (its UTC fields are the wall clock). */
export async function setZipEntryTimes(path: string, wallClock: Date): Promise<void> {
  const { time, date } = dosDateTime(wallClock);
  const stamp = Buffer.alloc(4);
  stamp.writeUInt16LE(time, 0);
  stamp.writeUInt16LE(date, 2);
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = Buffer.alloc(tailLength);
    await file.read(tail, 0, tailLength, size - tailLength);
    const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || tail.readUInt32LE(eocd) !== EOCD) {
      throw new Error(`${path} is not a zip file`);
    }
    let centralSize = tail.readUInt32LE(eocd + 12);
    let centralOffset = tail.readUInt32LE(eocd + 16);
    if (centralOffset === MAX32 && eocd >= 20 && tail.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
      const record = Buffer.alloc(56);
      await file.read(record, 0, 56, Number(tail.readBigUInt64LE(eocd - 20 + 8)));
      centralSize = Number(record.readBigUInt64LE(40));
      centralOffset = Number(record.readBigUInt64LE(48));
    }
    const central = Buffer.alloc(centralSize);
    await file.read(central, 0, centralSize, centralOffset);
    for (let at = 0; at + 46 <= centralSize && central.readUInt32LE(at) === CENTRAL; ) {
      stamp.copy(central, at + 12);
      const offset32 = central.readUInt32LE(at + 42);
      const local = offset32 === MAX32 ? zip64Offset(central, at) : offset32;
      const signature = Buffer.alloc(4);
      await file.read(signature, 0, 4, local);
      if (signature.readUInt32LE(0) !== LOCAL) {
        throw new Error(`${path}: no local header at ${local}`);
      }
      await file.write(stamp, 0, 4, local + 10);
      at += 46 + central.readUInt16LE(at + 28) + central.readUInt16LE(at + 30) + central.readUInt16LE(at + 32);
    }
    await file.write(central, 0, centralSize, centralOffset);
  } finally {
    await file.close();
  }
}
