import type { Migration } from 'kysely';
import * as m0001 from './0001_places.js';
import * as m0002 from './0002_taxonomy.js';
import * as m0003 from './0003_orgs.js';
import * as m0004 from './0004_enterprises.js';
import * as m0005 from './0005_records.js';
import * as m0006 from './0006_intake.js';
import * as m0007 from './0007_cube.js';
import * as m0008 from './0008_auth.js';
import * as m0009 from './0009_warnings.js';
import * as m0010 from './0010_complaint_terms.js';
import * as m0011 from './0011_reports.js';
import * as m0012 from './0012_import_issue_codes.js';

/**
 * Every migration, in order. Names are `NNNN_description`; a migration never changes once it has landed (add a new
 * one instead) and never imports application code, so it means the same thing forever.
 */
export const migrations: Record<string, Migration> = {
  '0001_places': m0001,
  '0002_taxonomy': m0002,
  '0003_orgs': m0003,
  '0004_enterprises': m0004,
  '0005_records': m0005,
  '0006_intake': m0006,
  '0007_cube': m0007,
  '0008_auth': m0008,
  '0009_warnings': m0009,
  '0010_complaint_terms': m0010,
  '0011_reports': m0011,
  '0012_import_issue_codes': m0012,
};
