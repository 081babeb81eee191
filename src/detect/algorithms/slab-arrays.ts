/**
 * Zero-filled typed arrays for the Farrington fits, carved from shared slabs. Node 20's V8 keeps every typed array of
 * more than 64 bytes outside the JavaScript heap: allocating one costs about a microsecond (0.3 µs for ten elements)
 * and their external memory drives the garbage collector, which together took a fifth of Farrington's time (some
 * twenty arrays per monitored week). A view of a slab costs a few tens of nanoseconds.
 *
 * Views never overlap and slab memory is never reused: a full slab is simply replaced by a new one, and the garbage
 * collector frees an old slab once no view of it is left. So a view behaves exactly like an array of its own, except
 * that it keeps its slab (128 kB) alive as long as it lives, and its `.buffer` is the slab's: use these for working
 * arrays, not for values kept for long or transferred.
 */

const SLAB_BYTES = 1 << 17;

let slab = new ArrayBuffer(SLAB_BYTES);
let used = 0;

/** `bytes` of fresh slab memory (8-byte aligned) and its offset. */
function take(bytes: number): { buffer: ArrayBuffer; offset: number } {
  const aligned = Math.ceil(bytes / 8) * 8;
  if (used + aligned > slab.byteLength) {
    slab = new ArrayBuffer(Math.max(SLAB_BYTES, aligned));
    used = 0;
  }
  const offset = used;
  used += aligned;
  return { buffer: slab, offset };
}

/** `count` zero-filled Float64Arrays of `length` elements each. */
export function float64Arrays(count: number, length: number): Float64Array[] {
  const { buffer, offset } = take(count * length * 8);
  const arrays: Float64Array[] = [];
  for (let i = 0; i < count; i++) {
    arrays.push(new Float64Array(buffer, offset + i * length * 8, length));
  }
  return arrays;
}

/** A zero-filled Float64Array of `length` elements. */
export function float64Array(length: number): Float64Array {
  const { buffer, offset } = take(length * 8);
  return new Float64Array(buffer, offset, length);
}

/** A zero-filled Int32Array of `length` elements. */
export function int32Array(length: number): Int32Array {
  const { buffer, offset } = take(length * 4);
  return new Int32Array(buffer, offset, length);
}
