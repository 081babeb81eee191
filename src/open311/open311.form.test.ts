import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Open311Error } from './open311.errors.js';
import { collectFields, formPairs, parseFormPairs } from './open311.form.js';

describe('Open311 form fields', () => {
  it('keeps repeated names in order and decodes + and %', () => {
    const pairs = formPairs(parseFormPairs('a=1&attribute%5Bx%5D%5B%5D=2&attribute[x][]=3&d=a+b%26c'));
    expect(pairs).toEqual([
      ['a', '1'],
      ['attribute[x][]', '2'],
      ['attribute[x][]', '3'],
      ['d', 'a b&c'],
    ]);
    expect(formPairs(undefined)).toEqual([]);
    expect(() => formPairs({ a: '1' })).toThrow(Open311Error);
    expect(() => formPairs([['a', '1']])).toThrow(Open311Error);
  });

  it('sorts attributes from plain fields, drops empty values and names malformed attribute fields', () => {
    const collected = collectFields([
      ['service_code', 'x'],
      ['attribute[a]', '1'],
      ['attribute[b][]', '2'],
      ['attribute[b][]', '3'],
      ['attribute[a]', '4'],
      ['lat', ''],
      ['attribute[]', 'z'],
      ['attribute[c', 'z'],
    ]);
    expect(collected.fields).toEqual(new Map([['service_code', ['x']]]));
    expect(collected.attributes).toEqual(
      new Map([
        ['a', ['1', '4']],
        ['b', ['2', '3']],
      ]),
    );
    expect(collected.problems).toEqual([
      expect.stringMatching(/^attribute\[\]: an attribute needs its code/),
      expect.stringMatching(/^attribute\[c: write attribute\[code\]=value/),
    ]);
  });

  it('never throws on any pairs, and loses no non-empty value', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string())), (pairs) => {
        const { fields, attributes, problems } = collectFields(pairs);
        const kept = [...fields.values(), ...attributes.values()].flat().length + problems.length;
        expect(kept).toBe(pairs.filter(([, v]) => v !== '').length);
      }),
    );
  });
});
