import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAttributes, type Open311Attribute, standardAttributes } from './attributes.js';

const answers = (entries: [string, string[]][]) => checkAttributes(standardAttributes, new Map(entries));

describe('service attributes', () => {
  it('are a well-formed definition: unique codes and orders, lists with options, others without', () => {
    expect(new Set(standardAttributes.map((a) => a.code)).size).toBe(standardAttributes.length);
    expect(standardAttributes.map((a) => a.order)).toEqual(standardAttributes.map((_, i) => i + 1));
    for (const attribute of standardAttributes) {
      const isList = attribute.datatype.endsWith('valuelist');
      expect(attribute.values.length > 0, attribute.code).toBe(isList);
      expect(attribute.code).toMatch(/^[a-z][a-z0-9_]*$/);
    }
  });

  it('keeps valid answers: one value, or the distinct values of a multi-value list', () => {
    expect(
      answers([
        ['occurred_at', ['2025-06-01T08:00:00+08:00']],
        ['anonymous', ['yes']],
        ['affected_groups', ['workers', 'elderly', 'workers']],
        ['enterprise_credit_code', ['91330782MA2EC0H67X']],
      ]),
    ).toEqual({
      answers: {
        occurred_at: '2025-06-01T08:00:00+08:00',
        anonymous: 'yes',
        affected_groups: ['workers', 'elderly'],
        enterprise_credit_code: '91330782MA2EC0H67X',
      },
      problems: [],
    });
  });

  it('names the attribute of every problem', () => {
    const { problems } = answers([
      ['occurred_at', ['2025-06-01']],
      ['anonymous', ['maybe']],
      ['affected_groups', ['workers', 'martians']],
      ['enterprise_credit_code', ['a\nb']],
      ['unknown', ['x']],
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^attribute\[occurred_at\]: "2025-06-01" is not an ISO 8601/),
      expect.stringMatching(/^attribute\[anonymous\]: "maybe" is not one of yes, no/),
      expect.stringMatching(/^attribute\[affected_groups\]: "martians" is not one of/),
      'attribute[enterprise_credit_code]: must be one line',
      expect.stringMatching(/^attribute\[unknown\]: not an attribute of this service/),
    ]);
  });

  it('asks for required attributes and refuses answers to information-only ones', () => {
    const definition: Open311Attribute[] = [
      { ...(standardAttributes[0] as Open311Attribute), code: 'when', required: true },
      { ...(standardAttributes[3] as Open311Attribute), code: 'note', variable: false },
      { ...(standardAttributes[3] as Open311Attribute), code: 'count', datatype: 'number' },
    ];
    const { problems } = checkAttributes(
      definition,
      new Map([
        ['note', ['x']],
        ['count', ['12a']],
      ]),
    );
    expect(problems).toEqual([
      'attribute[note]: is information only and takes no answer',
      'attribute[count]: "12a" is not a number',
      expect.stringMatching(/^attribute\[when\]: is required/),
    ]);
    expect(
      checkAttributes(
        definition,
        new Map([
          ['when', ['2025-06-01T00:00Z']],
          ['count', ['-3.5']],
        ]),
      ),
    ).toEqual({
      answers: { when: '2025-06-01T00:00Z', count: '-3.5' },
      problems: [],
    });
  });

  it('never throws, and either keeps an answer or names its attribute in a problem', () => {
    const codes = fc.constantFrom(...standardAttributes.map((a) => a.code), 'other', '');
    fc.assert(
      fc.property(fc.array(fc.tuple(codes, fc.array(fc.string(), { minLength: 1, maxLength: 4 }))), (entries) => {
        const given = new Map(entries);
        const { answers: kept, problems } = checkAttributes(standardAttributes, given);
        for (const code of given.keys()) {
          const named = problems.some((p) => p.startsWith(`attribute[${code}]: `));
          expect(named !== code in kept, code).toBe(true);
        }
      }),
    );
  });
});
