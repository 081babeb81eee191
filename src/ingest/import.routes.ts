import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, invalidField } from '../core/errors.js';
import { parseInput } from '../core/validation.js';
import { actorOf } from '../server/guard.js';
import { runAfterWrites } from '../warnings/index.js';
import { detectRoutes } from './detect.routes.js';
import {
  batchIdParamsSchema,
  exportIssuesQuerySchema,
  importBatchSchema,
  importIssueSchema,
  listBatchesQuerySchema,
  listIssuesQuerySchema,
  profileSummarySchema,
  uploadFieldsSchema,
} from './import.schema.js';
import { startImport } from './import.service.js';
import {
  getBatch,
  type ImportServiceDeps,
  listBatchPage,
  listIssuePage,
  listProfileSummaries,
} from './imports.service.js';
import { issuesCsv, issuesXlsx } from './issues-export.js';

const tags = ['imports'];
/** The largest file an upload may carry. */
export const MAX_UPLOAD_BYTES = 1024 * 1024 * 1024;

/**
 * `/api/imports`: upload a file (multipart: `file` and the fields profile, town, sourceSystem, dryRun, strict), get
 * 202 with the batch at once, then poll it for progress and fetch its rejected rows (JSON, CSV, XLSX). Uploads need
 * imports:write over the town named; reads see the batches of the towns the reader's imports:read covers.
 */
export const importRoutes: FastifyPluginAsyncZod<Omit<ImportServiceDeps, 'actor'>> = async (app, deps) => {
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(detectRoutes, deps);
  const running = new Set<Promise<unknown>>();
  app.addHook('onClose', async () => {
    await Promise.allSettled(running);
  });

  app.get(
    '/api/import-profiles',
    {
      config: { permission: 'imports:read' },
      schema: {
        tags,
        summary: 'The mapping profiles an import can use',
        response: { 200: z.array(profileSummarySchema) },
      },
    },
    async () => listProfileSummaries(deps),
  );

  app.post(
    '/api/imports',
    {
      config: { permission: 'imports:write' },
      schema: {
        tags,
        summary: 'Upload a file and start importing it (multipart/form-data: file, profile, town, dryRun, strict)',
        consumes: ['multipart/form-data'],
        response: { 202: importBatchSchema },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart()) {
        throw invalidField('(body)', 'send multipart/form-data with a file part named "file"');
      }
      const dir = join(deps.dataDir, 'uploads');
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const fields: Record<string, string> = {};
      let upload: { path: string; name: string } | undefined;
      try {
        for await (const part of request.parts()) {
          if (part.type === 'file') {
            if (part.fieldname !== 'file' || upload) {
              part.file.resume();
              throw invalidField(part.fieldname, 'send exactly one file, in the part named "file"');
            }
            const name = part.filename.replace(/[/\\]/g, '_').slice(-200) || 'upload';
            const path = join(dir, `${randomUUID()}-${name}`);
            upload = { path, name };
            await pipeline(part.file, createWriteStream(path, { mode: 0o600 }));
            if (part.file.truncated) {
              throw new AppError('payload_too_large', `the file is larger than ${MAX_UPLOAD_BYTES} bytes`);
            }
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
        if (!upload) {
          throw invalidField('file', 'no file part named "file"');
        }
        const form = parseInput(uploadFieldsSchema, fields);
        const actor = actorOf(request);
        const startedAt = Date.now();
        const started = await startImport(
          { ...deps, actor },
          {
            file: upload.path,
            fileName: upload.name,
            profile: form.profile,
            townCode: form.town,
            sourceSystem: form.sourceSystem,
            dryRun: form.dryRun,
            strict: form.strict,
          },
        );
        const path = upload.path;
        const done = started.done
          .then(async (result) => {
            // The early-warning engine over the towns the import wrote to (docs/warnings.md).
            if (!result.dryRun && result.inserted + result.updated > 0) {
              for (const run of await runAfterWrites({ db: deps.db, dataDir: deps.dataDir }, startedAt)) {
                if ('error' in run) {
                  request.log.error({ town: run.townId, err: run.error }, 'early warning failed');
                }
              }
            }
          })
          .catch((error: unknown) => request.log.error({ err: error, batch: started.batchId }, 'import failed'))
          .finally(() => rm(path, { force: true }));
        running.add(done);
        void done.finally(() => running.delete(done));
        return reply.code(202).send(await getBatch({ ...deps, actor }, started.batchId));
      } catch (error) {
        if (upload) {
          await rm(upload.path, { force: true });
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/imports',
    {
      config: { permission: 'imports:read' },
      schema: {
        tags,
        summary: 'Import batches, newest first',
        querystring: listBatchesQuerySchema,
        response: { 200: z.object({ items: z.array(importBatchSchema), nextBefore: z.number().nullable() }) },
      },
    },
    async (request) => listBatchPage({ ...deps, actor: actorOf(request) }, request.query),
  );

  app.get(
    '/api/imports/:id',
    {
      config: { permission: 'imports:read' },
      schema: {
        tags,
        summary: 'One import batch: progress and counts',
        params: batchIdParamsSchema,
        response: { 200: importBatchSchema },
      },
    },
    async (request) => getBatch({ ...deps, actor: actorOf(request) }, request.params.id),
  );

  app.get(
    '/api/imports/:id/issues',
    {
      config: { permission: 'imports:read' },
      schema: {
        tags,
        summary: 'The rejected rows and warnings of a batch (file, line, column, value, reason in ?locale=zh-CN|en-US)',
        params: batchIdParamsSchema,
        querystring: listIssuesQuerySchema,
        response: { 200: z.object({ items: z.array(importIssueSchema), nextAfter: z.number().nullable() }) },
      },
    },
    async (request) => listIssuePage({ ...deps, actor: actorOf(request) }, request.params.id, request.query),
  );

  for (const format of ['csv', 'xlsx'] as const) {
    app.get(
      `/api/imports/:id/rejects.${format}`,
      {
        config: { permission: 'imports:read' },
        schema: {
          tags,
          summary: `The rejected rows (or ?severity=warning) of a batch as ${format.toUpperCase()}`,
          params: batchIdParamsSchema,
          querystring: exportIssuesQuerySchema,
        },
      },
      async (request, reply) => {
        const batch = await getBatch({ ...deps, actor: actorOf(request) }, request.params.id);
        const { severity, locale } = request.query;
        const name = `import-${batch.id}-${severity === 'reject' ? 'rejects' : 'warnings'}.${format}`;
        reply.header('content-disposition', `attachment; filename="${name}"`);
        if (format === 'csv') {
          reply.type('text/csv; charset=utf-8');
          return reply.send(issuesCsv(deps.db, batch, severity, locale));
        }
        reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        return reply.send(issuesXlsx(deps.db, batch, severity, locale));
      },
    );
  }
};
