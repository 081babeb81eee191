import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, invalidField } from '../core/errors.js';
import { detectFileProfile } from './detect.service.js';
import { detectedProfileSchema } from './import.schema.js';
import { ReaderError } from './readers/index.js';

/** The most of a file detection reads: its header and first rows are at the start (XLSX needs the whole zip). */
export const MAX_DETECT_BYTES = 64 * 1024 * 1024;

/**
 * `POST /api/import-profiles/detect`: what `shanzhi import --detect` proposes, for the web page's 自动识别. Multipart
 * with one part `file`; the answer is the proposed profile, the headers it reads and leaves, and the built-in profile
 * it is (or is based on). Nothing is stored: the file is deleted once read. Registered inside importRoutes, whose
 * multipart parser it uses.
 */
export const detectRoutes: FastifyPluginAsyncZod<{ dataDir: string }> = async (app, deps) => {
  app.post(
    '/api/import-profiles/detect',
    {
      config: { permission: 'imports:write' },
      schema: {
        tags: ['imports'],
        summary: 'Propose a mapping profile for a file from its header row (multipart/form-data: file)',
        consumes: ['multipart/form-data'],
        response: { 200: detectedProfileSchema },
      },
    },
    async (request) => {
      if (!request.isMultipart()) {
        throw invalidField('(body)', 'send multipart/form-data with a file part named "file"');
      }
      // A folder of its own, so the file keeps its name: the proposal's name and title come from it.
      const dir = join(deps.dataDir, 'uploads', `detect-${randomUUID()}`);
      let upload: { path: string; name: string } | undefined;
      try {
        for await (const part of request.parts({ limits: { fileSize: MAX_DETECT_BYTES } })) {
          if (part.type !== 'file') {
            continue;
          }
          if (part.fieldname !== 'file' || upload) {
            part.file.resume();
            throw invalidField(part.fieldname, 'send exactly one file, in the part named "file"');
          }
          const name = part.filename.replace(/[/\\]/g, '_').slice(-200) || 'upload';
          await mkdir(dir, { recursive: true, mode: 0o700 });
          upload = { path: join(dir, name), name };
          await pipeline(part.file, createWriteStream(upload.path, { mode: 0o600 }));
          if (part.file.truncated) {
            throw new AppError('payload_too_large', `detection reads at most ${MAX_DETECT_BYTES} bytes of a file`);
          }
        }
        if (!upload) {
          throw invalidField('file', 'no file part named "file"');
        }
        const proposal = await detectFileProfile(upload.path).catch((error: unknown) => {
          if (error instanceof ReaderError) {
            throw invalidField('file', error.message);
          }
          throw error;
        });
        if (proposal.profile.columns.length === 0) {
          throw invalidField('file', 'no header in the file names a field of a record: check its first row');
        }
        return {
          fileName: upload.name,
          builtIn: proposal.builtIn ?? null,
          profile: proposal.profile,
          matched: proposal.matched,
          unmatched: proposal.unmatched,
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
};
