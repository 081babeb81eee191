import { type Industry, makeCreditCode } from '../enterprises/index.js';
import { logNormal } from './distributions.js';
import { INDUSTRY_AFFINITY, INDUSTRY_VOCABULARY, TRADE_NAME_CHARACTERS } from './enterprise-names.js';
import { type Random, WeightedChoice } from './random.js';
import type { DemoTownMap, DemoVillage } from './town.js';
import { CITY } from './town-names.js';

/** An enterprise of the demo town: the fields of the enterprises feature's input, plus its head count. */
export interface DemoEnterprise {
  creditCode: string;
  name: string;
  townCode: string;
  villageCode: string;
  industry: Industry;
  address: string;
  /** Registered as an individual business (个体工商户), registration type 92. */
  individual: boolean;
  employees: number;
}

/** Default number of enterprises: a Yiwu town's register of firms that matter to enforcement. */
export const DEFAULT_ENTERPRISE_COUNT = 800;

/*
 * Organisation codes (组织机构代码, GB 11714-1997): eight characters and a check character. Since the 2015 reform new
 * registrations get codes starting MA (assigned by market regulation); older firms kept their numeric codes.
 */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** Characters of the random part of a new-style code: digits and letters the credit-code alphabet also allows. */
const ORG_CODE_CHARACTERS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * The GB 11714 check character of an 8-character organisation code body: C9 = 11 − (Σ value × weight mod 11), with
 * 10 written X and 11 written 0; digits count as themselves, letters A–Z as 10–35.
 */
export function organisationCheckChar(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number.parseInt(body[i] as string, 36) * (ORG_CODE_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function organisationCode(random: Random): string {
  let body: string;
  if (random.chance(0.3)) {
    body = String(random.intBetween(10_000_000, 79_999_999));
  } else {
    body = 'MA2';
    for (let i = 0; i < 5; i++) {
      body += ORG_CODE_CHARACTERS[random.int(ORG_CODE_CHARACTERS.length)];
    }
  }
  return body + organisationCheckChar(body);
}

/** A GB 32100 credit code registered in Yiwu: 9 (market regulation), 1 or 2, 330782, organisation code, check. */
function creditCode(random: Random, individual: boolean): string {
  return makeCreditCode(`9${individual ? '2' : '1'}${CITY.code}${organisationCode(random)}`);
}

function tradeName(random: Random): string {
  const first = random.pick(TRADE_NAME_CHARACTERS);
  let second = random.pick(TRADE_NAME_CHARACTERS);
  while (second === first) {
    second = random.pick(TRADE_NAME_CHARACTERS);
  }
  return first + second;
}

function addressIn(random: Random, village: DemoVillage, industry: Industry): string {
  const road = random.pick(village.roads);
  const factory = ['manufacturing', 'textiles', 'jewellery'].includes(industry);
  const zone = village.role === 'industrial' && factory && !village.name.includes('工业');
  return `${village.name}${zone ? '工业功能区' : ''}${road}${random.intBetween(1, 399)}号`;
}

/**
 * The demo town's enterprises: industries in Yiwu's proportions, each settled in a village by the village's pull and
 * the industry's affinity for villages of its role, with a unique name, a unique and valid credit code, an address and
 * a head count.
 */
export function buildEnterprises(random: Random, map: DemoTownMap, count = DEFAULT_ENTERPRISE_COUNT): DemoEnterprise[] {
  const industries = Object.keys(INDUSTRY_VOCABULARY) as Industry[];
  const industryChoice = new WeightedChoice(
    industries,
    industries.map((industry) => INDUSTRY_VOCABULARY[industry].share),
  );
  const villageChoices = new Map(
    industries.map((industry) => [
      industry,
      new WeightedChoice(
        map.villages,
        map.villages.map((v) => v.industry * (INDUSTRY_AFFINITY[industry][v.role] ?? 1)),
      ),
    ]),
  );
  const names = new Set<string>();
  const codes = new Set<string>();
  const enterprises: DemoEnterprise[] = [];
  while (enterprises.length < count) {
    const industry = industryChoice.pick(random);
    const vocabulary = INDUSTRY_VOCABULARY[industry];
    const form = new WeightedChoice(
      vocabulary.forms,
      vocabulary.forms.map((f) => f.weight),
    ).pick(random);
    const name = `${CITY.name}${tradeName(random)}${random.pick(vocabulary.trades)}${form.suffix}`;
    const code = creditCode(random, form.individual);
    if (names.has(name) || codes.has(code)) {
      continue;
    }
    names.add(name);
    codes.add(code);
    const village = villageChoices.get(industry)?.pick(random) as DemoVillage;
    enterprises.push({
      creditCode: code,
      name,
      townCode: map.town.code,
      villageCode: village.code,
      industry,
      address: `${CITY.name}${map.town.name}${addressIn(random, village, industry)}`,
      individual: form.individual,
      employees: Math.max(1, Math.round(logNormal(random, vocabulary.medianEmployees, 0.8))),
    });
  }
  return enterprises;
}
