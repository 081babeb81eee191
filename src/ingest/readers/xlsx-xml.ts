import {
  APOSTROPHE,
  COLON,
  decodeAttribute,
  decodeText,
  EQUALS,
  GT,
  isSpace,
  LT,
  QUOTE,
  SLASH,
  sameAt,
  TextScan,
  XmlError,
} from './xlsx-xml-text.js';

/*
 * A small streaming XML tokenizer for the SpreadsheetML parts of a workbook: elements with their attributes, text,
 * the five predefined entities and character references, CDATA; comments, processing instructions and the DOCTYPE are
 * passed over (no entity of a DTD is expanded). Names are given without their namespace prefix. The text comes in
 * pieces of any size; a token cut by a piece's end waits for the next piece. No tree is built.
 *
 * It is a pull tokenizer: each part's reader calls next() in its own loop, so that V8 sees one kind of reader at
 * each call site (a callback per token, shared by five kinds of handler, cost the worksheets half their speed).
 */

/** A part's reader: takes the tokens there are, until next() gives MORE (or DONE). */
export interface PartReader {
  read(tokens: XmlTokenizer): void;
}

/** What next() found. */
export const MORE = 0;
/** A start tag: `name`, `selfClosing`, attribute(); a self-closing one is followed by its END. */
export const START = 1;
/** An end tag: `name`. */
export const END = 2;
/** Text (references resolved): `text`. One run of text may come as several TEXT tokens. */
export const TEXT = 3;
/** The part is over (after finish()). */
export const DONE = 4;
export type XmlToken = typeof MORE | typeof START | typeof END | typeof TEXT | typeof DONE;

/** Text longer than this without a tag is handed over in pieces rather than held. */
const MAX_HELD_TEXT = 64 * 1024;
/** Longer markup (a tag, comment or CDATA section) is refused: no workbook writes one, a damaged file might. */
const MAX_MARKUP = 4 * 1024 * 1024;
/** Element names remembered, so that a name is not cut out of the text again at every tag. */
const NAME_SLOTS = 64;

export class XmlTokenizer {
  /** START and END: the element's local name. */
  name = '';
  /** START: whether the tag closes itself (<c/>); its END comes next. */
  selfClosing = false;
  /** TEXT: the text. */
  text = '';
  /** TEXT: whether the text holds an underscore (the escapes of OOXML strings, _xHHHH_, start with one). */
  underscore = false;

  /** The text being read (what was left of the last piece joined to the next), and where in it. */
  private input = '';
  private pos = 0;
  private finished = false;
  /** Open elements (local names), checked against each end tag. */
  private readonly stack: string[] = [];
  private seenRoot = false;
  private closeNext = false;
  private readonly names: (string | undefined)[] = new Array(NAME_SLOTS).fill(undefined);
  /** The last start tag's attributes: for each, the start and end of its local name and of its raw value. */
  private readonly places: number[] = [];
  /** START: how many attributes the tag has. */
  attributeCount = 0;
  private readonly scan = new TextScan();
  /** Where scanName() found the local part of the name it scanned. */
  private nameLocal = 0;

  /** Add the next piece of the part's text. */
  write(piece: string): void {
    if (this.pos < this.input.length) {
      // Joined into one flat string: V8 reads it much faster than the two-part string `rest + piece` would be.
      this.input = [this.input.slice(this.pos), piece].join('');
    } else {
      this.input = piece;
    }
    this.pos = 0;
  }

  /** No more text will come: next() gives DONE at the end, or throws if the part ended early. */
  finish(): void {
    this.finished = true;
  }

  /** The value of the last start tag's attribute of this local name. */
  attribute(name: string): string | undefined {
    for (let i = 0; i < this.attributeCount; i++) {
      if (this.attributeIs(i, name)) {
        return this.attributeValue(i);
      }
    }
    return undefined;
  }

  /** Whether the last start tag's attribute `i` (0 to attributeCount - 1, in the tag's order) has this local name. */
  attributeIs(i: number, name: string): boolean {
    const start = this.places[i * 4] as number;
    return (this.places[i * 4 + 1] as number) - start === name.length && sameAt(this.input, start, name);
  }

  /** The local name of the last start tag's attribute `i`. */
  attributeName(i: number): string {
    return this.input.slice(this.places[i * 4], this.places[i * 4 + 1]);
  }

  /** The value of the last start tag's attribute `i`. */
  attributeValue(i: number): string {
    return decodeAttribute(this.input.slice(this.places[i * 4 + 2], this.places[i * 4 + 3]));
  }

  /**
   * For a reader's own fast path: the text so far (its `[position, length)` not yet read), or undefined when the
   * END of a self-closing tag is still to come. A reader may read whole elements there itself and skipTo() after them.
   */
  get unread(): string | undefined {
    return this.closeNext ? undefined : this.input;
  }

  get position(): number {
    return this.pos;
  }

  /** The reader has read whole elements (none left open, none closed that it did not open) up to `position`. */
  skipTo(position: number): void {
    this.pos = position;
  }

  /**
   * The text of the element that comes next, when it is `<name>text</name>` (no attributes, no child, CDATA or
   * comment) and all there: it is read (`underscore` set as for TEXT) and its text returned. Otherwise undefined, and
   * nothing is read: the tokens come as usual. Worksheets are mostly such elements (<v>), and reading one at once
   * saves three tokens.
   */
  textElement(name: string): string | undefined {
    const input = this.input;
    const length = input.length;
    const pos = this.pos;
    const start = pos + name.length + 2;
    if (
      this.closeNext ||
      start >= length ||
      input.charCodeAt(pos) !== LT ||
      input.charCodeAt(start - 1) !== GT ||
      !sameAt(input, pos + 1, name)
    ) {
      return undefined;
    }
    const scan = this.scan;
    const lt = scan.to(input, start);
    const end = lt + name.length + 3;
    if (
      end > length ||
      input.charCodeAt(lt + 1) !== SLASH ||
      input.charCodeAt(end - 1) !== GT ||
      !sameAt(input, lt + 2, name)
    ) {
      return undefined;
    }
    this.pos = end;
    this.underscore = scan.underscore || !scan.plain;
    return scan.text(input, start, lt);
  }

  /** The next token, or MORE when the text so far ends inside one (write the next piece and call again). */
  next(): XmlToken {
    if (this.closeNext) {
      this.closeNext = false;
      return END;
    }
    const input = this.input;
    const length = input.length;
    for (;;) {
      const pos = this.pos;
      if (pos >= length) {
        return this.atEnd();
      }
      let lt = this.scan.to(input, pos);
      this.underscore = this.scan.underscore;
      if (lt === length) {
        lt = -1;
      }
      if (lt !== pos) {
        const token = this.textUntil(input, pos, lt);
        if (token !== MORE || lt < 0) {
          return token === MORE ? this.atEnd() : token;
        }
      }
      if (lt + 1 >= length) {
        return this.atEnd();
      }
      const code = input.charCodeAt(lt + 1);
      const token =
        code === SLASH
          ? this.endTag(input, lt)
          : code === 0x3f || code === 0x21
            ? this.markup(input, lt)
            : this.startTag(input, lt);
      if (token === MORE) {
        if (length - lt > MAX_MARKUP) {
          throw new XmlError('the XML has a tag that does not end');
        }
        return this.atEnd();
      }
      if (token !== DONE) {
        return token;
      }
      // DONE here: markup passed over (a comment, a declaration); go on.
    }
  }

  /** The text ran out inside a token, or at its end. */
  private atEnd(): XmlToken {
    if (!this.finished) {
      return MORE;
    }
    if (this.input.slice(this.pos).trim() !== '' || this.stack.length > 0 || !this.seenRoot) {
      throw new XmlError(
        this.stack.length > 0 ? `the XML ends inside <${this.stack[this.stack.length - 1]}>` : 'the XML is incomplete',
      );
    }
    return DONE;
  }

  /**
   * Text from `pos` to `lt` (-1: to the end of the text so far, held unless long, then given but for a possibly cut
   * reference or CR). TEXT, or MORE when nothing is given; whitespace outside the root element is passed over.
   */
  private textUntil(input: string, pos: number, lt: number): XmlToken {
    let end = lt;
    if (lt < 0) {
      if (input.length - pos <= MAX_HELD_TEXT || this.finished) {
        if (!this.finished) {
          return MORE;
        }
        end = input.length;
      } else {
        end = input.length;
        const amp = input.lastIndexOf('&');
        if (amp >= pos && amp > end - 12) {
          end = amp;
        }
        if (input.charCodeAt(end - 1) === 0x0d) {
          end--;
        }
      }
    }
    const raw = input.slice(pos, end);
    this.pos = end;
    if (this.stack.length === 0) {
      if (raw.trim() !== '' && raw !== '\uFEFF') {
        throw new XmlError('the XML has text outside its root element');
      }
      return MORE;
    }
    if (this.scan.plain) {
      this.text = raw;
    } else {
      this.text = decodeText(raw);
      this.underscore = true;
    }
    return TEXT;
  }

  /**
   * Processing instructions (<?xml …?>), comments and the DOCTYPE, passed over (DONE), and CDATA (TEXT); MORE when
   * cut by the text's end.
   */
  private markup(input: string, lt: number): XmlToken {
    let end: number;
    if (input.charCodeAt(lt + 1) === 0x3f) {
      end = input.indexOf('?>', lt + 2);
      end = end < 0 ? -1 : end + 2;
    } else if (input.startsWith('<!--', lt)) {
      end = input.indexOf('-->', lt + 4);
      end = end < 0 ? -1 : end + 3;
    } else if (input.startsWith('<![CDATA[', lt)) {
      end = input.indexOf(']]>', lt + 9);
      if (end < 0) {
        return MORE;
      }
      if (this.stack.length === 0) {
        throw new XmlError('the XML has text outside its root element');
      }
      this.text = input.slice(lt + 9, end);
      this.underscore = this.text.indexOf('_') >= 0;
      this.pos = end + 3;
      return this.text === '' ? DONE : TEXT;
    } else if (input.length - lt < 9) {
      return MORE;
    } else if (input.startsWith('<!DOCTYPE', lt)) {
      // An internal subset may hold '>': skip to the '>' after its closing bracket.
      const gt = input.indexOf('>', lt);
      const bracket = input.indexOf('[', lt);
      const close = bracket >= 0 && (gt < 0 || bracket < gt) ? input.indexOf(']', bracket) : lt;
      end = close < 0 ? -1 : input.indexOf('>', close);
      end = end < 0 ? -1 : end + 1;
    } else {
      throw new XmlError(`the XML has unknown markup ${JSON.stringify(input.slice(lt, lt + 9))}`);
    }
    if (end < 0) {
      return MORE;
    }
    this.pos = end;
    return DONE;
  }

  /** Scan a name from `from` to a space, '=', '>' or '/': returns its end; `nameLocal` is where its local part starts. */
  private scanName(input: string, from: number): number {
    let local = from;
    let pos = from;
    const length = input.length;
    while (pos < length) {
      const code = input.charCodeAt(pos);
      if (code === GT || code === SLASH || code === EQUALS || isSpace(code)) {
        break;
      }
      if (code === COLON) {
        local = pos + 1;
      } else if (code === 0x3c || code === QUOTE || code === APOSTROPHE) {
        throw new XmlError('the XML has a malformed tag');
      }
      pos++;
    }
    this.nameLocal = local;
    return pos;
  }

  /** The name at start–end, from the names met so far (a slot per length and first and last letter) or cut out. */
  private elementName(input: string, start: number, end: number): string {
    const length = end - start;
    const slot = (length * 7 + input.charCodeAt(start) * 3 + input.charCodeAt(end - 1)) & (NAME_SLOTS - 1);
    const known = this.names[slot];
    if (known !== undefined && known.length === length && sameAt(input, start, known)) {
      return known;
    }
    const name = input.slice(start, end);
    this.names[slot] = name;
    return name;
  }

  private startTag(input: string, lt: number): XmlToken {
    const length = input.length;
    let pos = this.scanName(input, lt + 1);
    if (pos >= length) {
      return MORE;
    }
    if (pos === this.nameLocal) {
      throw new XmlError('the XML has a tag without a name');
    }
    const name = this.elementName(input, this.nameLocal, pos);
    let count = 0;
    for (;;) {
      while (pos < length && isSpace(input.charCodeAt(pos))) {
        pos++;
      }
      if (pos >= length) {
        return MORE;
      }
      let code = input.charCodeAt(pos);
      if (code === GT || code === SLASH) {
        if (code === SLASH) {
          if (pos + 1 >= length) {
            return MORE;
          }
          if (input.charCodeAt(pos + 1) !== GT) {
            throw new XmlError(`the XML tag <${name}> is malformed`);
          }
          pos++;
        }
        this.attributeCount = count;
        return this.started(name, code === SLASH, pos + 1);
      }
      const nameEnd = this.scanName(input, pos);
      const nameStart = this.nameLocal;
      let at = nameEnd;
      while (at < length && isSpace(input.charCodeAt(at))) {
        at++;
      }
      if (at >= length) {
        return MORE;
      }
      if (input.charCodeAt(at) !== EQUALS || nameStart === nameEnd) {
        throw new XmlError(`the XML tag <${name}> has a malformed attribute`);
      }
      at++;
      while (at < length && isSpace(input.charCodeAt(at))) {
        at++;
      }
      if (at >= length) {
        return MORE;
      }
      const quote = input.charCodeAt(at);
      if (quote !== QUOTE && quote !== APOSTROPHE) {
        throw new XmlError(`the XML tag <${name}> has a malformed attribute`);
      }
      let close = at + 1;
      while (close < length && input.charCodeAt(close) !== quote) {
        close++;
      }
      if (close >= length) {
        return MORE;
      }
      const places = this.places;
      const i = count * 4;
      places[i] = nameStart;
      places[i + 1] = nameEnd;
      places[i + 2] = at + 1;
      places[i + 3] = close;
      count++;
      pos = close + 1;
      if (pos < length) {
        code = input.charCodeAt(pos);
        if (code !== GT && code !== SLASH && !isSpace(code)) {
          throw new XmlError(`the XML tag <${name}> has a malformed attribute`);
        }
      }
    }
  }

  private started(name: string, selfClosing: boolean, end: number): XmlToken {
    if (this.stack.length === 0) {
      if (this.seenRoot) {
        throw new XmlError('the XML has more than one root element');
      }
      this.seenRoot = true;
    }
    if (!selfClosing) {
      this.stack.push(name);
    }
    this.name = name;
    this.selfClosing = selfClosing;
    this.closeNext = selfClosing;
    this.pos = end;
    return START;
  }

  /** </name>: it must close the element open last (compared without copying the name out of the text). */
  private endTag(input: string, lt: number): XmlToken {
    const stack = this.stack;
    const last = stack.length > 0 ? (stack[stack.length - 1] as string) : '';
    const after = lt + 2 + last.length;
    if (after < input.length && input.charCodeAt(after) === GT && last !== '' && sameAt(input, lt + 2, last)) {
      // </name> exactly as it was opened: the common case, checked without a search.
      stack.pop();
      this.name = last;
      this.pos = after + 1;
      return END;
    }
    const gt = input.indexOf('>', lt + 2);
    if (gt < 0) {
      return MORE;
    }
    const open = this.stack.pop();
    if (open === undefined) {
      throw new XmlError('the XML closes an element that is not open');
    }
    // The local name ends the tag's name: after any prefix, up to optional spaces.
    let nameEnd = gt;
    while (isSpace(input.charCodeAt(nameEnd - 1))) {
      nameEnd--;
    }
    const start = nameEnd - open.length;
    const named = start === lt + 2 || (start > lt + 3 && input.charCodeAt(start - 1) === COLON);
    if (!named || !input.startsWith(open, start)) {
      throw new XmlError(`the XML closes <${input.slice(lt + 2, nameEnd)}> inside <${open}>`);
    }
    this.name = open;
    this.pos = gt + 1;
    return END;
  }
}
