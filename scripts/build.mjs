/**
 * @module The CLI build (`npm run build`, run by `prepare` on every `npm install` / `npm ci`):
 * esbuild bundles src/cli/main.ts and the pure-JavaScript libraries it uses into ESM chunks in
 * dist/, split at every dynamic import so a command loads only its own code. One bundled module
 * loads much faster than hundreds of small files (yargs and zod are most of start-up otherwise).
 * Native and asset-reading packages stay external (see EXTERNAL). Writes to a temporary folder and
 * swaps it in, then records the stamp bin/tlab.mjs checks (scripts/dist-stamp.mjs).
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { chooseEntry, DIST_MAIN, DIST_STAMP, stampFiles } from './dist-stamp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Left to Node's resolver: better-sqlite3 loads a native addon; @grpc/grpc-js finds its .proto
 * files through __dirname (channelz, ORCA) and grpc-health-check through proto-loader. Neither gRPC
 * package loads before a command that talks gRPC. piscina starts its worker threads from files of
 * its own beside its module.
 */
const EXTERNAL = ['better-sqlite3', '@grpc/grpc-js', 'grpc-health-check', 'piscina'];

/**
 * What the build bundles, by output name in dist/: the CLI, and the research pool's worker thread
 * (src/research/config-pool.ts starts dist/config-worker.js when it runs from the bundle, so an
 * installed package needs no TypeScript loader in its workers).
 */
const ENTRY_POINTS = {
  main: 'src/cli/main.ts',
  'config-worker': 'src/research/config-worker.ts',
};

/**
 * Compile-time constants of the bundle. `__TLAB_BUNDLE_URL__` is the real URL of the chunk it sits
 * in (the plugin below rewrites `import.meta.url` to the source path, which a module starting a
 * worker file from dist/ cannot use); it is undefined when running from the sources.
 */
const DEFINE = { __TLAB_BUNDLE_URL__: 'import.meta.url' };

/** Files outside src/ whose change must also mark the build stale. */
const BUILD_INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs'];

/** Bundled CommonJS code calls require(); ESM output has none, so each chunk makes one. */
const BANNER =
  "import { createRequire as __tlabCreateRequire } from 'node:module';\n" +
  'const require = __tlabCreateRequire(import.meta.url);';

/** POSIX form of a relative path (stamp and URLs use forward slashes on every platform). */
const posix = (p) => p.split(path.sep).join('/');

/**
 * Keeps `import.meta.url` meaning the original file after bundling. Our sources read files beside
 * themselves (strategy sources for the run fingerprint, the report's assets): their URL becomes
 * the source path relative to the chunk (every chunk sits directly in dist/). yargs finds its
 * locale files from its own URL: that one is resolved at run time, wherever npm put yargs.
 */
function originalUrl(rel, text) {
  if (!text.includes('import.meta.url')) return text;
  const yargs = /(^|\/)node_modules\/yargs\/(.*)$/.exec(rel);
  const url = yargs
    ? `new URL(${JSON.stringify(yargs[2])}, import.meta.resolve('yargs/package.json')).href`
    : `new URL(${JSON.stringify(`../${rel}`)}, import.meta.url).href`;
  return text.replaceAll('import.meta.url', url);
}

/**
 * string-width (yargs' help layout) builds an Intl.Segmenter and a `\\p{RGI_Emoji}` regular
 * expression when it loads: the first segmenter in a process initialises ICU's segmentation data
 * (20-40 ms here), the regular expression takes 12 ms to build, on every `tlab` start even when no
 * help is printed. Build both on first use instead; behaviour is otherwise the same.
 */
function lazySegmenter(text) {
  return text
    .replace(
      'const segmenter = new Intl.Segmenter();',
      'let lazySegmenter;\n' +
        'const segmenter = { segment: (s) => (lazySegmenter ??= new Intl.Segmenter()).segment(s) };',
    )
    .replace(
      'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;',
      () =>
        'let lazyRgiEmoji;\n' +
        'const rgiEmojiRegex = { test: (s) => (lazyRgiEmoji ??= /^\\p{RGI_Emoji}$/v).test(s) };',
    );
}

/**
 * zod's classic API exports every locale (about 70 message tables, a third of its code) through
 * `z.locales`; the bundle keeps only English, zod's default, which is all tlab uses.
 */
const ZOD_LOCALES = /(^|\/)node_modules\/zod\/v4\/locales\/index\.js$/;
const ZOD_ENGLISH_ONLY = "export { default as en } from './en.js';";

/** The source transforms above, applied to our sources, yargs and string-width only. */
function transforms(root) {
  return {
    name: 'tlab-bundle-transforms',
    setup(b) {
      b.onLoad({ filter: /\.(ts|mjs|js)$/ }, (args) => {
        const rel = posix(path.relative(root, args.path));
        const ours = !rel.startsWith('../') && !rel.includes('node_modules/');
        const yargs = /(^|\/)node_modules\/yargs\//.test(rel);
        const width = /(^|\/)node_modules\/(.*\/)?string-width\/index\.js$/.test(rel);
        if (ZOD_LOCALES.test(rel)) {
          return { contents: ZOD_ENGLISH_ONLY, loader: 'js', resolveDir: path.dirname(args.path) };
        }
        if (!ours && !yargs && !width) return undefined;
        const text = readFileSync(args.path, 'utf8');
        return {
          contents: width ? lazySegmenter(text) : originalUrl(rel, text),
          loader: args.path.endsWith('.ts') ? 'ts' : 'js',
          resolveDir: path.dirname(args.path),
        };
      });
    },
  };
}

/** Builds dist/ from the sources in `root`; resolves when dist/ and its stamp are in place. */
export async function buildDist(root = ROOT) {
  const tmp = path.join(root, `dist.tmp-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints: ENTRY_POINTS,
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: EXTERNAL,
      banner: { js: BANNER },
      define: DEFINE,
      plugins: [transforms(root)],
      sourcemap: 'linked',
      metafile: true,
      logLevel: 'warning',
      // Less text for V8 to scan at every start; identifiers stay (errors take their class name).
      minifyWhitespace: true,
      minifySyntax: true,
    });
    const sources = Object.keys(result.metafile.inputs).filter(
      (f) => !f.startsWith('../') && !f.includes('node_modules/'),
    );
    const stamp = { files: stampFiles(root, [...sources, ...BUILD_INPUTS]) };
    writeFileSync(path.join(tmp, path.basename(DIST_STAMP)), `${JSON.stringify(stamp)}\n`);
    const dist = path.dirname(path.join(root, DIST_MAIN));
    rmSync(dist, { recursive: true, force: true });
    try {
      renameSync(tmp, dist);
    } catch (err) {
      // A concurrent build (two test runs at once) may have put its dist/ in place first.
      if (chooseEntry(root, {}).entry !== 'dist') throw err;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await buildDist();
}
