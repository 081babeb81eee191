import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { badRequest } from './open311.errors.js';

/*
 * The fields of a POST requests body as (name, value) pairs, in the order sent, from either encoding: Open311's
 * application/x-www-form-urlencoded, or multipart/form-data (which may carry a media file). Repeated names are kept,
 * so `attribute[code][]` can carry several values.
 */

export type FieldPairs = [name: string, value: string][];

/** A media file sent with multipart/form-data: read to the end (never stored), its size checked. */
export interface ReceivedFile {
  field: string;
  filename: string;
  bytes: number;
}

export const MAX_MEDIA_BYTES = 5 * 1024 * 1024;
const MAX_FIELDS = 200;
const MAX_FIELD_BYTES = 64 * 1024;

/** Marks a body our form parser made; a symbol, so no client-sent JSON can look like one. */
const PAIRS = Symbol('open311 form pairs');

/** The parser formbody is given: the body's pairs as sent (URLSearchParams: `+` is a space, repeats are kept). */
export function parseFormPairs(body: string): { [PAIRS]: FieldPairs } {
  return { [PAIRS]: [...new URLSearchParams(body)] };
}

/** The pairs of a body our form parser read; nothing sent is no pairs. Anything else (JSON) is no Open311 body. */
export function formPairs(body: unknown): FieldPairs {
  if (body === undefined || body === null || body === '') {
    return [];
  }
  if (typeof body === 'object' && PAIRS in body) {
    return (body as { [PAIRS]: FieldPairs })[PAIRS];
  }
  throw badRequest('send the fields as application/x-www-form-urlencoded or multipart/form-data');
}

/**
 * The fields and files of a multipart/form-data body. Files are read to the end and dropped (Shanzhi keeps media as
 * media_url links); one over MAX_MEDIA_BYTES is refused, and so is more than one file or a field cut short by the
 * limits.
 */
export async function readMultipart(request: FastifyRequest): Promise<{ pairs: FieldPairs; files: ReceivedFile[] }> {
  const pairs: FieldPairs = [];
  const files: ReceivedFile[] = [];
  const parts = request.parts({
    limits: {
      fileSize: MAX_MEDIA_BYTES,
      files: 1,
      fields: MAX_FIELDS,
      fieldSize: MAX_FIELD_BYTES,
      fieldNameSize: 200,
      parts: MAX_FIELDS + 1,
    },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      let bytes = 0;
      for await (const chunk of part.file) {
        bytes += (chunk as Buffer).length;
      }
      // Checked before the plugin's own too-large error surfaces, so the message names the field.
      if (part.file.truncated) {
        throw badRequest(`${part.fieldname}: the file is over ${MAX_MEDIA_BYTES / 1024 / 1024} MB`);
      }
      files.push({ field: part.fieldname, filename: part.filename, bytes });
    } else {
      if (part.valueTruncated || part.fieldnameTruncated) {
        throw badRequest(`${part.fieldname.slice(0, 64)}: the field is over ${MAX_FIELD_BYTES / 1024} KB`);
      }
      pairs.push([part.fieldname, typeof part.value === 'string' ? part.value : String(part.value)]);
    }
  }
  return { pairs, files };
}

/** The fields of a request: each plain field's values, and each attribute's values, by code. */
export interface CollectedFields {
  fields: Map<string, string[]>;
  attributes: Map<string, string[]>;
  problems: string[];
}

const ATTRIBUTE = /^attribute\[([^\][]*)\](\[\])?$/;

/**
 * Sort pairs into plain fields and attributes (`attribute[code]=v`, `attribute[code][]=v` for each value of a
 * multi-value list). Empty values count as not sent, as the spec's optional arguments say.
 */
export function collectFields(pairs: FieldPairs): CollectedFields {
  const fields = new Map<string, string[]>();
  const attributes = new Map<string, string[]>();
  const problems: string[] = [];
  for (const [name, value] of pairs) {
    if (value === '') {
      continue;
    }
    const attribute = ATTRIBUTE.exec(name);
    if (attribute) {
      const code = attribute[1] ?? '';
      if (code === '') {
        problems.push(`${name.slice(0, 64)}: an attribute needs its code, as attribute[code]=value`);
        continue;
      }
      attributes.set(code, [...(attributes.get(code) ?? []), value]);
    } else if (name.startsWith('attribute[')) {
      problems.push(
        `${name.slice(0, 64)}: write attribute[code]=value, or attribute[code][]=value for each of several`,
      );
    } else {
      fields.set(name, [...(fields.get(name) ?? []), value]);
    }
  }
  return { fields, attributes, problems };
}
