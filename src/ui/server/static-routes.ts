/**
 * @module The page shell and its files: `index.html`, the page scripts and styles from
 * src/ui/assets, and lightweight-charts' standalone build straight from node_modules, so the
 * browser fetches nothing from anywhere but this server.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const ASSETS = fileURLToPath(new URL('../assets/', import.meta.url));

function chartsLibrary(): string {
  const require = createRequire(import.meta.url);
  const pkg = dirname(require.resolve('lightweight-charts/package.json'));
  return join(pkg, 'dist', 'lightweight-charts.standalone.production.js');
}

/** Registers `/`, `/assets/*` and `/assets/lightweight-charts.js`. */
export async function registerStaticRoutes(app: FastifyInstance): Promise<void> {
  const index = readFileSync(join(ASSETS, 'index.html'), 'utf8');
  const charts = readFileSync(chartsLibrary(), 'utf8');
  app.get('/', async (_req, reply) => reply.type('text/html; charset=utf-8').send(index));
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.get('/assets/lightweight-charts.js', async (_req, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'max-age=3600')
      .send(charts),
  );
  await app.register(fastifyStatic, {
    root: ASSETS,
    prefix: '/assets/',
    index: false,
    list: false,
    cacheControl: false,
    decorateReply: false,
  });
}
