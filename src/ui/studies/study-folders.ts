/**
 * @module The research outputs under a folder (`reports/` by default): every folder, up to three
 * levels down, holding a page one of the study commands writes — optimize.html (the parameter
 * heatmap), walk-forward.html (the windows), robustness.html, a backtest's report.html or a
 * parity.html. Only those file names are ever served, and only from folders this scan found, so a
 * URL cannot name any other file.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The pages the dashboard serves from a study folder, with what each shows. */
export const STUDY_PAGES: Readonly<Record<string, string>> = {
  'optimize.html': 'optimize heatmap',
  'walk-forward.html': 'walk-forward windows',
  'robustness.html': 'robustness',
  'report.html': 'backtest report',
  'parity.html': 'parity report',
};

/** One folder with pages. */
export interface StudyFolder {
  /** Path relative to the root, with `/` (the folder's id in URLs). */
  id: string;
  pages: { file: string; kind: string; modified: number }[];
}

const MAX_DEPTH = 3;
const MAX_FOLDERS = 500;

/** The study folders under `root`, newest page first; none when `root` does not exist. */
export function studyFolders(root: string): StudyFolder[] {
  const out: StudyFolder[] = [];
  const visit = (dir: string, depth: number): void => {
    if (out.length >= MAX_FOLDERS) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    const pages = entries
      .filter((e) => e.isFile() && STUDY_PAGES[e.name] !== undefined)
      .map((e) => ({
        file: e.name,
        kind: STUDY_PAGES[e.name],
        modified: statSync(path.join(dir, e.name)).mtimeMs,
      }));
    if (pages.length > 0)
      out.push({ id: path.relative(root, dir).split(path.sep).join('/') || '.', pages });
    if (depth < MAX_DEPTH)
      for (const e of entries)
        if (e.isDirectory() && !e.name.startsWith('.')) visit(path.join(dir, e.name), depth + 1);
  };
  visit(root, 0);
  const newest = (f: StudyFolder) => Math.max(...f.pages.map((p) => p.modified));
  return out.sort((a, b) => newest(b) - newest(a) || (a.id < b.id ? -1 : 1));
}

/** The file of page `file` in folder `id`, when the scan lists it; otherwise undefined. */
export function studyPageFile(root: string, id: string, file: string): string | undefined {
  const folder = studyFolders(root).find((f) => f.id === id);
  if (folder === undefined || !folder.pages.some((p) => p.file === file)) return undefined;
  return path.join(root, ...(id === '.' ? [] : id.split('/')), file);
}
