/**
 * @module The studies' API and pages: the study folders under the dashboard's studies folder
 * (see study-folders.ts) and each one's pages, served as the commands wrote them, in a frame of
 * the Studies page. The pages are self-contained (inline SVG and styles; report.html its inlined
 * charts), and each is served under the Content-Security-Policy it declares itself.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../core/errors.ts';
import { isoUtc } from '../../core/time.ts';
import { REPORT_CSP } from '../../report/html/render.ts';
import { studyFolders, studyPageFile } from './study-folders.ts';

const STATIC_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** Registers `/api/studies` and `/studies/page`. */
export function registerStudyRoutes(app: FastifyInstance, root: string): void {
  app.get('/api/studies', async () => ({
    root,
    folders: studyFolders(root).map((f) => ({
      ...f,
      pages: f.pages.map((p) => ({ ...p, modifiedIso: isoUtc(Math.floor(p.modified)) })),
    })),
  }));
  app.get<{ Querystring: { dir?: string; file?: string } }>('/studies/page', async (req, reply) => {
    const { dir = '', file = '' } = req.query;
    const found = studyPageFile(root, dir, file);
    if (found === undefined)
      throw new NotFoundError(`no study page ${file} in ${dir}`, 'pick one from the Studies page');
    const csp = file === 'report.html' ? REPORT_CSP : STATIC_CSP;
    return reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', `${csp}; frame-ancestors 'self'`)
      .send(readFileSync(found, 'utf8'));
  });
}
