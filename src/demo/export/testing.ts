/*
 * Helpers for the export tests: reading back what the writers wrote, independently of the writers' own code.
 */

/**
 * Records of an RFC 4180 CSV text with CRLF line ends (the last one ends with CRLF too). Strict: a line end other
 * than CRLF outside quotes, or a stray quote, throws, so that a test notices a malformed file.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (char === '"') {
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          throw new Error(`character after a closing quote at ${i}`);
        }
      } else {
        field += char;
        i++;
      }
    } else if (char === '"') {
      if (field !== '') {
        throw new Error(`quote inside an unquoted field at ${i}`);
      }
      quoted = true;
      i++;
    } else if (char === ',') {
      record.push(field);
      field = '';
      i++;
    } else if (char === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else if (char === '\r' || char === '\n') {
      throw new Error(`bare line break at ${i}`);
    } else {
      field += char;
      i++;
    }
  }
  if (quoted || field !== '' || record.length > 0) {
    throw new Error('the text does not end with a complete record and CRLF');
  }
  return records;
}
