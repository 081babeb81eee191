import type { FastifyInstance } from 'fastify';
import type { ScopeKind } from '../../src/auth/permissions.js';
import { type Role, roles } from '../../src/auth/permissions.js';
import { makeCreditCode } from '../../src/enterprises/index.js';
import { makeCaseInput, makeComplaintInput, seedRecordWorld, world } from '../../src/records/record.testing.js';
import { claimJob } from '../../src/reports/jobs/index.js';
import { multipartBody } from '../../src/server/testing.js';
import type { Db } from '../../src/store/database.js';
import { insertTestWarning } from '../../src/warnings/warning.testing.js';

/*
 * The data the authorisation matrix reads and writes: the record test world (苏溪镇 with 苏华村 and 西山下村, and
 * 大陈镇 in the same city), with one complaint, case and import batch in each of three places:
 *   in        — 苏溪镇, 苏华村, the labour office: inside every subject's scope;
 *   sameTown  — 苏溪镇, 西山下村, the market office: outside the village's and the department's scope;
 *   otherTown — 大陈镇, 大陈村, its labour office: outside every town-, village- and department-scoped subject.
 * Each place also has a warning (in its village, naming its department) that is its town's problem of a month.
 */

export interface Target {
  town: string;
  village: string;
  villageName: string;
  department: string;
  complaintId: number;
  caseId: number;
  importId: number;
  tokenId: number;
  /** A town leader of the target's town (users are in scope by the towns of their grants). */
  userId: number;
  enterprise: string;
  /** A warning concerning the village and naming the department, and the problem of the month made of it. */
  warningId: number;
  monthlyProblemId: number;
  /** An archived weekly bulletin of the target's town, and a scheduled run of the town (src/reports). */
  reportId: number;
  reportJobId: number;
}

export interface MatrixWorld {
  in: Target;
  sameTown: Target;
  otherTown: Target;
}

/** Who signs in: every role, at the scope it is usually held in (the admin twice: town and all). */
export interface Subject {
  name: string;
  role: Role;
  kind: ScopeKind;
  code: string | null;
}

const SCOPE_OF: Record<Role, { kind: ScopeKind; code: string | null }> = {
  admin: { kind: 'town', code: world.town },
  leader: { kind: 'town', code: world.town },
  analyst: { kind: 'town', code: world.town },
  department_staff: { kind: 'department', code: `${world.town}/labour` },
  officer: { kind: 'department', code: `${world.town}/labour` },
  village_secretary: { kind: 'village', code: world.village },
  organisation: { kind: 'town', code: world.town },
  trainee: { kind: 'village', code: world.village },
  mentor: { kind: 'town', code: world.town },
  auditor: { kind: 'town', code: world.town },
};

export const subjects: Subject[] = [
  ...roles.map((role) => ({ name: `${role}@${SCOPE_OF[role].kind}`, role, ...SCOPE_OF[role] })),
  { name: 'admin@all', role: 'admin', kind: 'all', code: null },
];

/** The data outside a subject's scope: another town for town-wide scopes, the same town's other village otherwise. */
export function outsideOf(subject: Subject, w: MatrixWorld): Target | undefined {
  switch (subject.kind) {
    case 'all':
      return undefined;
    case 'city':
    case 'town':
      return w.otherTown;
    default:
      return w.sameTown;
  }
}

const ENTERPRISE_OTHER_TOWN = makeCreditCode('91330782MA2EC0J12');

async function importFor(app: FastifyInstance, town: string, village: string, tag: string): Promise<number> {
  const csv = [
    'externalNo,openedAt,content,placeCode,status',
    `${tag}-1,2025-06-03 09:00,占道经营,${village},received`,
  ];
  const upload = multipartBody(
    [
      ['profile', 'generic-complaints'],
      ['town', town],
    ],
    [{ field: 'file', filename: `${tag}.csv`, type: 'text/csv', content: Buffer.from(csv.join('\r\n')) }],
  );
  const started = await app.inject({ method: 'POST', url: '/api/imports', ...upload });
  if (started.statusCode !== 202) {
    throw new Error(`import for ${town}: ${started.statusCode} ${started.body}`);
  }
  const id = started.json().id as number;
  for (let i = 0; i < 300; i += 1) {
    const batch = (await app.inject({ url: `/api/imports/${id}` })).json();
    if (batch.status !== 'running') {
      return id;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`import for ${town} did not finish`);
}

async function post(app: FastifyInstance, url: string, payload: object): Promise<{ id: number }> {
  const response = await app.inject({ method: 'POST', url, payload });
  if (response.statusCode >= 300) {
    throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
  }
  return response.json();
}

async function target(
  db: Db,
  app: FastifyInstance,
  t: Omit<
    Target,
    | 'complaintId'
    | 'caseId'
    | 'importId'
    | 'tokenId'
    | 'userId'
    | 'warningId'
    | 'monthlyProblemId'
    | 'reportId'
    | 'reportJobId'
  >,
): Promise<Target> {
  const where = { townCode: t.town, placeCode: t.village, departmentCode: t.department };
  const warningId = await insertTestWarning(db, where);
  const problem = { month: '2024-12', owner: '镇指挥室', plan: '专项整治' };
  const town = await db.selectFrom('place').select('id').where('code', '=', t.town).executeTakeFirstOrThrow();
  const job = { townId: Number(town.id), type: 'weekly' as const, period: '2025W23' };
  await claimJob({ db, worker: 'matrix' }, job);
  const reportJob = await db
    .selectFrom('report_job')
    .select('id')
    .where('town_id', '=', job.townId)
    .where('period', '=', job.period)
    .executeTakeFirstOrThrow();
  return {
    reportId: (await post(app, '/api/reports', { type: 'weekly', period: '2025W23', town: t.town })).id,
    reportJobId: Number(reportJob.id),
    warningId,
    monthlyProblemId: (await post(app, `/api/warnings/${warningId}/monthly-problem`, problem)).id,
    ...t,
    complaintId: (await post(app, '/api/complaints', makeComplaintInput(where))).id,
    caseId: (await post(app, '/api/cases', makeCaseInput(where))).id,
    importId: await importFor(app, t.town, t.village, `${t.village}-${t.department}`),
    tokenId: (await post(app, '/api/tokens', { name: `${t.village}-${t.department}`, townCode: t.town })).id,
    userId: (
      await post(app, '/api/users', {
        username: `leader-${t.village}-${t.department}`,
        displayName: '镇领导',
        password: 'Matrix-Leader-Pw-1',
        grants: [{ role: 'leader', kind: 'town', code: t.town }],
      })
    ).id,
  };
}

/** Seed the world through the API as the test app's administrator (scope all). */
export async function seedMatrixWorld(db: Db, app: FastifyInstance): Promise<MatrixWorld> {
  await seedRecordWorld(db);
  await post(app, '/api/enterprises', {
    creditCode: ENTERPRISE_OTHER_TOWN,
    name: '义乌市大陈制衣有限公司',
    townCode: world.otherTown,
  });
  return {
    in: await target(db, app, {
      town: world.town,
      village: world.village,
      villageName: '苏华村',
      department: 'labour',
      enterprise: world.enterprise,
    }),
    sameTown: await target(db, app, {
      town: world.town,
      village: world.otherVillage,
      villageName: '西山下村',
      department: 'market',
      enterprise: world.enterprise,
    }),
    otherTown: await target(db, app, {
      town: world.otherTown,
      village: world.otherTownVillage,
      villageName: '大陈村',
      department: 'labour',
      enterprise: ENTERPRISE_OTHER_TOWN,
    }),
  };
}
