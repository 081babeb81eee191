import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PartDecoder } from './xlsx-decoder.js';
import { DONE, END, MORE, START, TEXT, XmlTokenizer } from './xlsx-xml.js';
import { XmlError } from './xlsx-xml-text.js';

/** The tokens of a part given in these pieces, compactly: runs of text joined, as one reader would see them. */
function tokens(pieces: readonly string[]): string[] {
  const tokenizer = new XmlTokenizer();
  const out: string[] = [];
  const take = () => {
    for (;;) {
      const token = tokenizer.next();
      if (token === MORE || token === DONE) {
        return;
      }
      if (token === TEXT) {
        const last = out[out.length - 1];
        if (last?.startsWith('T:')) {
          out[out.length - 1] = last + tokenizer.text;
        } else {
          out.push(`T:${tokenizer.text}`);
        }
      } else if (token === START) {
        const attributes = Array.from(
          { length: tokenizer.attributeCount },
          (_, i) => `${tokenizer.attributeName(i)}=${tokenizer.attributeValue(i)}`,
        );
        out.push(`S:${tokenizer.name}${attributes.length > 0 ? `{${attributes.join(',')}}` : ''}`);
      } else if (token === END) {
        out.push(`E:${tokenizer.name}`);
      }
    }
  };
  for (const piece of pieces) {
    tokenizer.write(piece);
    take();
  }
  tokenizer.finish();
  take();
  return out;
}

const DOCUMENT =
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment with <tags> -->\n' +
  '<!DOCTYPE x:root [<!ENTITY e "not expanded">]>\n' +
  `<x:root xmlns:x="urn:x" a="1&amp;2 &gt; 1" b='&#x1F600;&#65;&lt;' c="tab\there">` +
  '<x:c r="A1">a &gt; b &quot;&apos; &#20013;&#x6587;</x:c><e/><f  k = "v" />' +
  '<![CDATA[<raw & text>]]>\r\nline\rend &unknown; &#0; & ok</x:root>\n';

const EXPECTED = [
  'S:root{x=urn:x,a=1&2 > 1,b=😀A<,c=tab here}',
  'S:c{r=A1}',
  `T:a > b "' 中文`,
  'E:c',
  'S:e',
  'E:e',
  'S:f{k=v}',
  'E:f',
  'T:<raw & text>\nline\nend &unknown; &#0; & ok',
  'E:root',
];

describe('XML tokenizer', () => {
  it('reads elements, attributes, references, CDATA and line ends, passing over the prolog', () => {
    expect(tokens([DOCUMENT])).toEqual(EXPECTED);
  });

  it('reads the same whatever the pieces: cut anywhere, or a character at a time', () => {
    for (let cut = 0; cut <= DOCUMENT.length; cut++) {
      expect(tokens([DOCUMENT.slice(0, cut), DOCUMENT.slice(cut)])).toEqual(EXPECTED);
    }
    expect(tokens([...DOCUMENT])).toEqual(EXPECTED);
  });

  it("reads a '>' inside an attribute value, and long text in pieces", () => {
    expect(tokens(['<a b="x>y" c=\'>\'>t</a>'])).toEqual(['S:a{b=x>y,c=>}', 'T:t', 'E:a']);
    const long = '文'.repeat(200_000);
    expect(tokens(['<a>', long.slice(0, 100_000), long.slice(100_000), '</a>'])).toEqual(['S:a', `T:${long}`, 'E:a']);
  });

  it('throws an XmlError for XML that is not well-formed or ends early', () => {
    const bad = [
      '<a></b>',
      '<a><b></a></b>',
      '<a>',
      '<a',
      '<a b="1></a>',
      '<a b=1></a>',
      '<a b></a>',
      '<a/><b/>',
      'text<a/>',
      '<a/>text',
      '</a>',
      '<a><!FOO></a>',
      '<a><![CDATA[open</a>',
      '',
      '<>',
      '<a></a',
    ];
    for (const xml of bad) {
      expect(() => tokens([xml]), xml).toThrow(XmlError);
    }
  });

  it('reads any tree it is given, cut into any pieces', () => {
    const name = fc.constantFrom('a', 'b', 'row', 'c', 'v', 'si', 't', 'x:c', 'r:id');
    const text = fc.string({ unit: fc.constantFrom('a', ' ', '<', '>', '&', '"', "'", '中', '😀', '\n', ']]>') });
    const tree: fc.Arbitrary<Node> = fc.letrec<{ node: Node }>((tie) => ({
      node: fc.record({
        name,
        attributes: fc.dictionary(fc.constantFrom('r', 's', 't', 'x:y'), text, { maxKeys: 3 }),
        children: fc.array(fc.oneof({ depthSize: 'small' }, text, tie('node')), { maxLength: 4 }),
      }),
    })).node;
    fc.assert(
      fc.property(tree, fc.array(fc.nat(), { maxLength: 6 }), (root, cuts) => {
        const xml = serialize(root);
        const points = [...new Set(cuts.map((cut) => cut % (xml.length + 1)))].sort((a, b) => a - b);
        const pieces = [0, ...points].map((from, i) => xml.slice(from, [...points, xml.length][i]));
        expect(tokens(pieces)).toEqual(expected(root));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a whole text element at once when it is all there, and leaves anything else to the tokens', () => {
    const tokenizer = new XmlTokenizer();
    tokenizer.write('<r><v>1 &amp; _x</v><v a="1">2</v><v><b/></v><v>3</v><v>cut');
    expect(tokenizer.next()).toBe(START);
    expect([tokenizer.textElement('v'), tokenizer.underscore]).toEqual(['1 & _x', true]);
    expect(tokenizer.textElement('v')).toBeUndefined();
    expect([tokenizer.next(), tokenizer.attribute('a')]).toEqual([START, '1']);
    expect([tokenizer.next(), tokenizer.text, tokenizer.next()]).toEqual([TEXT, '2', END]);
    expect(tokenizer.textElement('v')).toBeUndefined();
    expect([tokenizer.next(), tokenizer.next(), tokenizer.next(), tokenizer.next()]).toEqual([START, START, END, END]);
    expect(tokenizer.textElement('w')).toBeUndefined();
    expect(tokenizer.textElement('v')).toBe('3');
    expect(tokenizer.textElement('v')).toBeUndefined();
  });
});

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: (Node | string)[];
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const local = (name: string) => name.replace(/^.*:/, '');

function serialize(node: Node): string {
  const attributes = Object.entries(node.attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;')}"`)
    .join('');
  if (node.children.length === 0) {
    return `<${node.name}${attributes}/>`;
  }
  const inner = node.children
    .map((child) =>
      typeof child !== 'string'
        ? serialize(child)
        : child.includes(']]>')
          ? escapeXml(child)
          : `<![CDATA[${child}]]>`.length % 2 === 0
            ? `<![CDATA[${child}]]>`
            : escapeXml(child),
    )
    .join('');
  return `<${node.name}${attributes}>${inner}</${node.name}>`;
}

function expected(node: Node, out: string[] = []): string[] {
  const attributes = Object.entries(node.attributes).map(([key, value]) => `${local(key)}=${value}`);
  out.push(`S:${local(node.name)}${attributes.length > 0 ? `{${attributes.join(',')}}` : ''}`);
  for (const child of node.children) {
    if (typeof child !== 'string') {
      expected(child, out);
    } else if (child !== '') {
      const last = out[out.length - 1];
      if (last?.startsWith('T:')) {
        out[out.length - 1] = last + child;
      } else {
        out.push(`T:${child}`);
      }
    }
  }
  out.push(`E:${local(node.name)}`);
  return out;
}

describe('part decoder', () => {
  const text = 'ASCII, 湖门村第四村民小组, 😀, é';
  const bytes = Buffer.from(text, 'utf8');

  it('keeps a character cut between chunks whole, wherever the cut', () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      for (let second = cut; second <= bytes.length; second += 3) {
        const decoder = new PartDecoder();
        const decoded =
          decoder.decode(bytes.subarray(0, cut)) +
          decoder.decode(bytes.subarray(cut, second)) +
          decoder.decode(bytes.subarray(second)) +
          decoder.end();
        expect(decoded).toBe(text);
      }
    }
  });

  it('drops a UTF-8 BOM, reads UTF-16 with its BOM, and refuses invalid bytes', () => {
    const read = (...chunks: Buffer[]) => {
      const decoder = new PartDecoder();
      return chunks.map((chunk) => decoder.decode(chunk)).join('') + decoder.end();
    };
    expect(read(Buffer.from([0xef, 0xbb]), Buffer.from([0xbf, 0x3c]))).toBe('<');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(read(utf16.subarray(0, 1), utf16.subarray(1, 7), utf16.subarray(7))).toBe(text);
    const be = Buffer.from(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).swap16());
    expect(read(be)).toBe(text);
    expect(() => read(Buffer.from([0x3c, 0xff, 0x3e]))).toThrow(XmlError);
    expect(() => read(Buffer.from([0x3c, 0xe6, 0xb9]))).toThrow(XmlError);
  });
});
