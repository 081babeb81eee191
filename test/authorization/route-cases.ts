import ExcelJS from 'exceljs';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { makeCreditCode } from '../../src/enterprises/index.js';
import { makeCaseInput, makeComplaintInput } from '../../src/records/record.testing.js';
import { multipartBody } from '../../src/server/testing.js';
import type { Target } from './world.js';

/*
 * How the authorisation matrix exercises each route: a request about a target (the data in or out of the subject's
 * scope) and how an allowed answer looks. Denied is 401, 403 or 404, or — for a list or a statistic — an answer
 * without the target. Any other answer (422, 500 …) fails the test: the request itself would be wrong.
 *
 * `scoping` says what the route's permission reaches:
 *   none       — the permission alone decides (reference data, public routes);
 *   record     — records in the subject's scope (town, village subtree, department);
 *   town-whole — data of a town the subject's scope covers whole;
 *   town-touch — data of a town the subject holds any grant in;
 *   all        — only a subject of scope `all` (the taxonomy is shared by every town).
 */

export type Scoping = 'none' | 'record' | 'town-whole' | 'town-touch' | 'all';

/** A signed-in user made for one request of a route about oneself (sign in, sign out, change one's password). */
export interface Self {
  username: string;
  password: string;
  headers: Record<string, string>;
}

export interface RouteCase {
  scoping: Scoping;
  /**
   * The route acts on the caller's own account (and may end their session): the matrix signs in a new user of the
   * subject's role and scope for each request and sends its credentials. Such routes have no data out of scope.
   */
  self?: boolean;
  request(target: Target, n: number, self?: Self): InjectOptions;
  /** Whether the answer shows the request was allowed (the default: a 2xx). */
  allowed?(response: LightMyRequestResponse, target: Target): boolean | Promise<boolean>;
}

const json = (method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload: object): InjectOptions => ({
  method,
  url,
  payload,
});
const get = (url: string): InjectOptions => ({ url });
const year = 'period=year&from=2025&to=2025';

const listed =
  (id: (t: Target) => number) =>
  (response: LightMyRequestResponse, t: Target): boolean =>
    response.statusCode === 200 && (response.json().items as { id: number }[]).some((item) => item.id === id(t));

/** A /api/stats answer by village holding the target's village with records. */
function villageCounted(response: LightMyRequestResponse, t: Target): boolean {
  if (response.statusCode !== 200) {
    return false;
  }
  const rows = response.json().rows as { keys: { village?: { code: string } }; values: { records: number } }[];
  return rows.some((row) => row.keys.village?.code === t.village && row.values.records > 0);
}

async function xlsxHasVillage(response: LightMyRequestResponse, t: Target): Promise<boolean> {
  if (response.statusCode !== 200) {
    return false;
  }
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  let found = false;
  book.eachSheet((sheet) => {
    sheet.eachRow((row, number) => {
      // The head rows echo the filters; data rows come after the header row.
      if (number > 1 && row.values && JSON.stringify(row.values).includes(t.villageName)) {
        found = true;
      }
    });
  });
  return found;
}

const batchOk = (response: LightMyRequestResponse) =>
  response.statusCode === 200 && (response.json().results as { outcome: string }[])[0]?.outcome !== 'rejected';

function importUpload(t: Target, n: number): InjectOptions {
  const csv = [
    'externalNo,openedAt,content,placeCode,status',
    `M-${n},2025-06-03 09:00,占道经营,${t.village},received`,
  ];
  return {
    method: 'POST',
    url: '/api/imports',
    ...multipartBody(
      [
        ['profile', 'generic-complaints'],
        ['town', t.town],
      ],
      [{ field: 'file', filename: `m${n}.csv`, type: 'text/csv', content: Buffer.from(csv.join('\r\n')) }],
    ),
  };
}

const where = (t: Target) => ({ townCode: t.town, placeCode: t.village, departmentCode: t.department });

/**
 * A lifecycle step on the target's warning: the first subject allowed takes it, the later ones find the warning moved
 * on and get 409 — which the service answers only after the warning was found within the writer's scope.
 */
const stepTaken = (response: LightMyRequestResponse) =>
  (response.statusCode >= 200 && response.statusCode < 300) || response.statusCode === 409;
/** A different month for each request (2100-01 onwards), so every promotion allowed is a new one. */
const monthOf = (n: number) => `${2100 + (Math.floor(n / 12) % 190)}-${String((n % 12) + 1).padStart(2, '0')}`;
const creditCode = (n: number) => makeCreditCode(`91330782MA${String(n).padStart(7, '0')}`);

/** Every route of the app by `METHOD url` (the route table's url); the matrix fails on a route missing here. */
export const routeCases: Record<string, RouteCase> = {
  'GET /api/health': { scoping: 'none', request: () => get('/api/health') },
  // The web app's files and pages (server/web.ts): public, so the login page loads before anyone signs in.
  'GET /*': { scoping: 'none', request: () => get('/') },

  'GET /api/places': { scoping: 'none', request: () => get('/api/places') },
  'GET /api/places/:code': { scoping: 'none', request: (t) => get(`/api/places/${t.village}`) },
  'GET /api/places/:code/ancestors': { scoping: 'none', request: (t) => get(`/api/places/${t.village}/ancestors`) },
  'POST /api/places': {
    scoping: 'town-whole',
    request: (t, n) =>
      json('POST', '/api/places', { code: `m${n}`, name: `新村${n}`, level: 'village', parentCode: t.town }),
  },
  'PATCH /api/places/:code': {
    scoping: 'town-whole',
    request: (t) => json('PATCH', `/api/places/${t.village}`, { name: t.villageName }),
  },

  'GET /api/categories': { scoping: 'none', request: () => get('/api/categories') },
  'GET /api/categories/:code': { scoping: 'none', request: () => get('/api/categories/labour') },
  'GET /api/taxonomy/versions': { scoping: 'none', request: () => get('/api/taxonomy/versions') },
  'POST /api/categories': {
    scoping: 'all',
    request: (_t, n) => json('POST', '/api/categories', { code: `matrix_${n}`, name: `测试${n}`, nameEn: `Test ${n}` }),
  },
  'PATCH /api/categories/:code': {
    scoping: 'all',
    request: (_t, n) => json('PATCH', '/api/categories/labour', { nameEn: `Labour ${n}` }),
  },

  'GET /api/towns/:townCode/departments': { scoping: 'none', request: (t) => get(`/api/towns/${t.town}/departments`) },
  'GET /api/towns/:townCode/departments/:code': {
    scoping: 'none',
    request: (t) => get(`/api/towns/${t.town}/departments/${t.department}`),
  },
  'POST /api/towns/:townCode/departments': {
    scoping: 'town-whole',
    request: (t, n) =>
      json('POST', `/api/towns/${t.town}/departments`, { code: `m${n}`, name: `测试办${n}`, kind: 'office' }),
  },
  'POST /api/towns/:townCode/departments/seed-defaults': {
    scoping: 'town-whole',
    request: (t) => json('POST', `/api/towns/${t.town}/departments/seed-defaults`, {}),
  },
  'PATCH /api/towns/:townCode/departments/:code': {
    scoping: 'town-whole',
    request: (t) => json('PATCH', `/api/towns/${t.town}/departments/${t.department}`, { active: true }),
  },

  'GET /api/enterprises': { scoping: 'none', request: (t) => get(`/api/enterprises?town=${t.town}`) },
  'GET /api/enterprises/:creditCode': { scoping: 'none', request: (t) => get(`/api/enterprises/${t.enterprise}`) },
  'POST /api/enterprises': {
    scoping: 'town-touch',
    request: (t, n) =>
      json('POST', '/api/enterprises', { creditCode: creditCode(n), name: `测试企业${n}有限公司`, townCode: t.town }),
  },
  'PATCH /api/enterprises/:creditCode': {
    scoping: 'town-touch',
    request: (t, n) => json('PATCH', `/api/enterprises/${t.enterprise}`, { address: `测试路${n}号` }),
  },

  'GET /api/complaints': {
    scoping: 'record',
    request: (t) => get(`/api/complaints?town=${t.town}&limit=100`),
    allowed: listed((t) => t.complaintId),
  },
  'GET /api/complaints/:id': { scoping: 'record', request: (t) => get(`/api/complaints/${t.complaintId}`) },
  'POST /api/complaints': {
    scoping: 'record',
    request: (t) => json('POST', '/api/complaints', makeComplaintInput(where(t))),
  },
  'POST /api/complaints/batch': {
    scoping: 'record',
    request: (t) => json('POST', '/api/complaints/batch', { items: [makeComplaintInput(where(t))] }),
    allowed: batchOk,
  },
  'GET /api/cases': {
    scoping: 'record',
    request: (t) => get(`/api/cases?town=${t.town}&limit=100`),
    allowed: listed((t) => t.caseId),
  },
  'GET /api/cases/:id': { scoping: 'record', request: (t) => get(`/api/cases/${t.caseId}`) },
  'POST /api/cases': { scoping: 'record', request: (t) => json('POST', '/api/cases', makeCaseInput(where(t))) },
  'POST /api/cases/batch': {
    scoping: 'record',
    request: (t) => json('POST', '/api/cases/batch', { items: [makeCaseInput(where(t))] }),
    allowed: batchOk,
  },

  'GET /api/stats': {
    scoping: 'record',
    request: (t) => get(`/api/stats?town=${t.town}&by=village&${year}`),
    allowed: villageCounted,
  },
  'GET /api/stats/records': {
    scoping: 'record',
    request: (t) => get(`/api/stats/records?town=${t.town}&place=${t.village}&${year}&limit=100`),
    allowed: listed((t) => t.complaintId),
  },
  'GET /api/stats.csv': {
    scoping: 'record',
    request: (t) => get(`/api/stats.csv?town=${t.town}&by=village&${year}`),
    // Data rows read `<period>,<village>,<records>`; the head lines above them echo the filters and the scope.
    allowed: (response, t) =>
      response.statusCode === 200 &&
      response.body.split('\r\n').some((line) => {
        const cells = line.split(',');
        return cells[1] === t.villageName && Number(cells[2]) > 0;
      }),
  },
  'GET /api/stats.xlsx': {
    scoping: 'record',
    request: (t) => get(`/api/stats.xlsx?town=${t.town}&by=village&${year}`),
    allowed: xlsxHasVillage,
  },

  'GET /api/import-profiles': { scoping: 'none', request: () => get('/api/import-profiles') },
  'POST /api/import-profiles/detect': {
    scoping: 'none',
    request: () => ({
      method: 'POST',
      url: '/api/import-profiles/detect',
      ...multipartBody(
        [],
        [
          {
            field: 'file',
            filename: 'a.csv',
            type: 'text/csv',
            content: Buffer.from('externalNo,openedAt\r\nA,2025-06-03'),
          },
        ],
      ),
    }),
  },
  'POST /api/imports': { scoping: 'town-whole', request: importUpload },
  'GET /api/imports': {
    scoping: 'town-whole',
    request: () => get('/api/imports?limit=100'),
    allowed: listed((t) => t.importId),
  },
  'GET /api/imports/:id': { scoping: 'town-whole', request: (t) => get(`/api/imports/${t.importId}`) },
  'GET /api/imports/:id/issues': { scoping: 'town-whole', request: (t) => get(`/api/imports/${t.importId}/issues`) },
  'GET /api/imports/:id/rejects.csv': {
    scoping: 'town-whole',
    request: (t) => get(`/api/imports/${t.importId}/rejects.csv`),
  },
  'GET /api/imports/:id/rejects.xlsx': {
    scoping: 'town-whole',
    request: (t) => get(`/api/imports/${t.importId}/rejects.xlsx`),
  },

  'POST /api/tokens': {
    scoping: 'town-whole',
    request: (t, n) => json('POST', '/api/tokens', { name: `m${n}`, townCode: t.town, permissions: ['stats:read'] }),
  },
  'GET /api/tokens': {
    scoping: 'town-whole',
    request: () => get('/api/tokens'),
    allowed: (response, t) =>
      response.statusCode === 200 && (response.json() as { id: number }[]).some((token) => token.id === t.tokenId),
  },
  'DELETE /api/tokens/:id': {
    scoping: 'town-whole',
    request: (t) => ({ method: 'DELETE', url: `/api/tokens/${t.tokenId}` }),
  },

  'POST /api/auth/login': {
    scoping: 'none',
    self: true,
    request: (_t, _n, self) => ({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: self?.username, password: self?.password },
    }),
  },
  'POST /api/auth/logout': { scoping: 'none', self: true, request: () => json('POST', '/api/auth/logout', {}) },
  'GET /api/auth/me': { scoping: 'none', request: () => get('/api/auth/me') },
  'GET /api/auth/sessions': { scoping: 'none', request: () => get('/api/auth/sessions') },
  'DELETE /api/auth/sessions': {
    scoping: 'none',
    self: true,
    request: () => ({ method: 'DELETE', url: '/api/auth/sessions' }),
  },
  'POST /api/auth/password': {
    scoping: 'none',
    self: true,
    request: (_t, n, self) =>
      json('POST', '/api/auth/password', { currentPassword: self?.password, newPassword: `Matrix-Pw-${n}-long` }),
  },

  'GET /api/roles': { scoping: 'none', request: () => get('/api/roles') },
  'GET /api/users': {
    scoping: 'town-whole',
    request: () => get('/api/users'),
    allowed: (response, t) =>
      response.statusCode === 200 && (response.json() as { id: number }[]).some((user) => user.id === t.userId),
  },
  'GET /api/users/:id': { scoping: 'town-whole', request: (t) => get(`/api/users/${t.userId}`) },
  'POST /api/users': {
    scoping: 'town-whole',
    request: (t, n) =>
      json('POST', '/api/users', {
        username: `matrix-${n}`,
        displayName: `新用户${n}`,
        password: `Matrix-Pw-${n}-long`,
        grants: [{ role: 'leader', kind: 'town', code: t.town }],
      }),
  },
  'PATCH /api/users/:id': {
    scoping: 'town-whole',
    request: (t, n) => json('PATCH', `/api/users/${t.userId}`, { displayName: `镇领导${n}` }),
  },
  'PUT /api/users/:id/grants': {
    scoping: 'town-whole',
    request: (t) =>
      json('PUT', `/api/users/${t.userId}/grants`, { grants: [{ role: 'leader', kind: 'town', code: t.town }] }),
  },
  'POST /api/users/:id/password': {
    scoping: 'town-whole',
    request: (t, n) => json('POST', `/api/users/${t.userId}/password`, { password: `Matrix-Reset-${n}-long` }),
  },
  'DELETE /api/users/:id/sessions': {
    scoping: 'town-whole',
    request: (t) => ({ method: 'DELETE', url: `/api/users/${t.userId}/sessions` }),
  },

  'GET /api/audit': {
    scoping: 'town-whole',
    request: (t) => get(`/api/audit?entity=complaint&entityId=${t.complaintId}`),
    allowed: (response) => response.statusCode === 200 && response.json().items.length > 0,
  },
  'GET /api/audit/verify': { scoping: 'none', request: () => get('/api/audit/verify') },

  'GET /api/advice-templates': {
    scoping: 'town-touch',
    request: (t) => get(`/api/advice-templates?town=${t.town}`),
  },
  'GET /api/advice-templates/:code': {
    scoping: 'town-touch',
    request: (t) => get(`/api/advice-templates/noise.village_surge?town=${t.town}`),
  },
  'PUT /api/advice-templates/:code': {
    scoping: 'town-whole',
    request: (t, n) =>
      json('PUT', `/api/advice-templates/matrix_${n}.spread?town=${t.town}`, {
        categoryCode: 'noise',
        situation: 'spread',
        title: '{category}扩散',
        titleEn: '{category} spreading',
        body: '由{department}牵头。',
        bodyEn: '{department} should lead.',
      }),
  },
  'DELETE /api/advice-templates/:code': {
    scoping: 'town-whole',
    request: (t) => ({ method: 'DELETE', url: `/api/advice-templates/matrix_none.spread?town=${t.town}` }),
    // The town has no version to remove: a 404 saying so comes after the scope check, so it is an answer, not a denial.
    allowed: (response) =>
      response.statusCode === 204 ||
      (response.statusCode === 404 && /has no advice template of its own/.test(response.json().error.message)),
  },
  'POST /api/advice-templates/preview': {
    scoping: 'town-touch',
    request: (t) => json('POST', `/api/advice-templates/preview?town=${t.town}`, {}),
  },

  'GET /api/warnings': {
    scoping: 'record',
    request: (t) => get(`/api/warnings?town=${t.town}&limit=500`),
    allowed: listed((t) => t.warningId),
  },
  'GET /api/warnings/:id': { scoping: 'record', request: (t) => get(`/api/warnings/${t.warningId}`) },
  'POST /api/warnings/run': {
    scoping: 'town-whole',
    request: (t) => json('POST', '/api/warnings/run', { town: t.town, week: '2025W23' }),
  },
  'GET /api/warnings/runs': { scoping: 'town-touch', request: (t) => get(`/api/warnings/runs?town=${t.town}`) },
  'POST /api/warnings/:id/acknowledge': {
    scoping: 'record',
    request: (t) => json('POST', `/api/warnings/${t.warningId}/acknowledge`, {}),
    allowed: stepTaken,
  },
  'POST /api/warnings/:id/rectify': {
    scoping: 'record',
    request: (t, n) =>
      json('POST', `/api/warnings/${t.warningId}/rectify`, {
        owner: `负责人${n}`,
        dueDay: '2025-07-15',
        actions: '约谈企业，督促整改',
      }),
    allowed: stepTaken,
  },
  'PATCH /api/warnings/:id/rectification': {
    scoping: 'record',
    request: (t, n) => json('PATCH', `/api/warnings/${t.warningId}/rectification`, { owner: `负责人${n}` }),
    allowed: stepTaken,
  },
  'POST /api/warnings/:id/close': {
    scoping: 'record',
    request: (t) => json('POST', `/api/warnings/${t.warningId}/close`, { result: '已整改到位' }),
    allowed: stepTaken,
  },
  'POST /api/warnings/:id/dismiss': {
    scoping: 'record',
    request: (t) => json('POST', `/api/warnings/${t.warningId}/dismiss`, { reason: '误报' }),
    allowed: stepTaken,
  },
  'POST /api/warnings/:id/reopen': {
    scoping: 'record',
    request: (t) => json('POST', `/api/warnings/${t.warningId}/reopen`, { note: '问题复发' }),
    allowed: stepTaken,
  },
  'POST /api/warnings/:id/monthly-problem': {
    scoping: 'town-whole',
    request: (t, n) =>
      json('POST', `/api/warnings/${t.warningId}/monthly-problem`, {
        month: monthOf(n),
        owner: '镇指挥室',
        plan: '整治',
      }),
  },
  'GET /api/monthly-problems': {
    scoping: 'record',
    request: (t) => get(`/api/monthly-problems?town=${t.town}`),
    allowed: listed((t) => t.monthlyProblemId),
  },
  'PATCH /api/monthly-problems/:id': {
    scoping: 'town-whole',
    request: (t, n) => json('PATCH', `/api/monthly-problems/${t.monthlyProblemId}`, { owner: `负责人${n}` }),
  },

  'POST /api/reports': {
    scoping: 'town-whole',
    request: (t) => json('POST', '/api/reports', { type: 'weekly', period: '2025W23', town: t.town }),
  },
  'GET /api/reports': {
    scoping: 'town-whole',
    request: (t) => get(`/api/reports?town=${t.town}&limit=200`),
    allowed: listed((t) => t.reportId),
  },
  'GET /api/reports/jobs': {
    scoping: 'town-whole',
    request: (t) => get(`/api/reports/jobs?town=${t.town}&limit=200`),
    allowed: listed((t) => t.reportJobId),
  },
  'GET /api/reports/:id': { scoping: 'town-whole', request: (t) => get(`/api/reports/${t.reportId}`) },
  'GET /api/reports/:id/file': {
    scoping: 'town-whole',
    request: (t) => get(`/api/reports/${t.reportId}/file?format=docx`),
  },
  'POST /api/reports/:id/regenerate': {
    scoping: 'town-whole',
    request: (t) => json('POST', `/api/reports/${t.reportId}/regenerate`, {}),
  },

  'GET /open311/discovery.:format': { scoping: 'none', request: () => get('/open311/discovery.json') },
  // Public, and always a 404 in the spec's error list: allowed means that answer (not the guard's refusal).
  'GET /open311/*': {
    scoping: 'none',
    request: () => get('/open311/v2/nothing.json'),
    allowed: (response) => response.statusCode === 404 && /no Open311 resource/.test(response.body),
  },
  'GET /open311/v2/services.:format': {
    scoping: 'none',
    request: (t) => get(`/open311/v2/services.json?jurisdiction_id=${t.town}`),
  },
  'GET /open311/v2/services/:file': {
    scoping: 'none',
    request: (t) => get(`/open311/v2/services/city_appearance.street_stall.json?jurisdiction_id=${t.town}`),
  },
  'GET /open311/v2/requests.:format': {
    scoping: 'none',
    request: (t) => get(`/open311/v2/requests.json?jurisdiction_id=${t.town}`),
  },
  'GET /open311/v2/requests/:file': {
    scoping: 'none',
    request: (t) => get(`/open311/v2/requests/${t.complaintId}.json?jurisdiction_id=${t.town}`),
    // A request filed elsewhere than Open311 is not one of its service requests: 404 is an answer, not a denial.
    allowed: (response) => response.statusCode === 200 || response.statusCode === 404,
  },
  'GET /open311/v2/tokens/:file': {
    scoping: 'none',
    request: (t) => get(`/open311/v2/tokens/unknown-token.json?jurisdiction_id=${t.town}`),
    allowed: (response) => response.statusCode === 404,
  },
  'POST /open311/v2/requests.:format': {
    scoping: 'record',
    request: (t) => ({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        jurisdiction_id: t.town,
        service_code: 'city_appearance.street_stall',
        description: '路口占道经营',
        address_string: t.villageName,
      }).toString(),
    }),
  },
};
