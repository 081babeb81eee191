import type { FastifyReply } from 'fastify';
import { notFound } from './open311.errors.js';

/*
 * The two formats of every Open311 resource, chosen by the extension (`services.xml`, `requests/12.json`). XML is
 * the spec's required format; JSON is its "Spark convention" mapping: a list is a JSON array, and in XML an element
 * named for the list holding one element per item, named in the singular (services → service).
 */

export const open311Formats = ['json', 'xml'] as const;
export type Open311Format = (typeof open311Formats)[number];

/** The element of one item of each list, as GeoReport v2 and Service Discovery name them. */
export const xmlItemNames: Readonly<Record<string, string>> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

export type Open311Value = string | number | boolean | null | Open311Value[] | { [key: string]: Open311Value };

const contentTypes: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

function isFormat(value: string): value is Open311Format {
  return (open311Formats as readonly string[]).includes(value);
}

/** `.json` or `.xml` from a route's format parameter; anything else is a resource that does not exist. */
export function requireFormat(format: string): Open311Format {
  if (!isFormat(format)) {
    throw notFound(`no format "${format}": use .json or .xml`);
  }
  return format;
}

/**
 * A path segment such as `labour.enterprise_dispute.wage_arrears.xml` split at its last dot into the name and the
 * format (service codes contain dots, so the last one counts).
 */
export function splitFormat(segment: string): { name: string; format: Open311Format } {
  const dot = segment.lastIndexOf('.');
  if (dot <= 0) {
    throw notFound(`"${segment}" has no format: add .json or .xml`);
  }
  return { name: segment.slice(0, dot), format: requireFormat(segment.slice(dot + 1)) };
}

/** The format an answer to this URL should have, for errors: `.xml` at the end of the path, else JSON. */
export function formatOfUrl(url: string): Open311Format {
  const path = url.split('?')[0] ?? '';
  return path.endsWith('.xml') ? 'xml' : 'json';
}

// Characters XML 1.0 cannot carry even escaped: C0 controls other than tab, LF and CR, lone surrogates, U+FFFE/F.
const NOT_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly the characters XML 1.0 forbids.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '\uFFFD')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function element(name: string, value: Open311Value): string {
  if (value === null) {
    return `<${name}/>`;
  }
  if (Array.isArray(value)) {
    const itemName = xmlItemNames[name];
    if (itemName === undefined) {
      throw new TypeError(`no XML item name for the list "${name}"`);
    }
    const items = value.map((item) => element(itemName, item)).join('');
    return items === '' ? `<${name}/>` : `<${name}>${items}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value)
      .map(([key, child]) => element(key, child))
      .join('');
    return `<${name}>${children}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A document in Open311's XML: the declaration, then `root` holding `value` (a list gets one element per item). */
export function renderXml(root: string, value: Open311Value): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value)}\n`;
}

/** Send `value` in the format asked for, under `root` in XML. */
export function sendOpen311(
  reply: FastifyReply,
  format: Open311Format,
  root: string,
  value: Open311Value,
  status = 200,
): FastifyReply {
  reply.code(status).type(contentTypes[format]);
  return reply.send(format === 'xml' ? renderXml(root, value) : JSON.stringify(value));
}
