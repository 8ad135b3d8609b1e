/* global URLSearchParams */
// The studies page: every folder of research outputs under the dashboard's studies folder (the
// optimize heatmap, the walk-forward windows, robustness, backtest and parity reports), newest
// first; pick a page to see it here as the command wrote it.
import { api, el, page, table } from './core.js';

function pageUrl(folder, file) {
  return `/studies/page?${new URLSearchParams({ dir: folder.id, file })}`;
}

/** Draws the studies page. */
export async function studiesPage() {
  const data = await api('/api/studies');
  const frame = el('div', { id: 'study-holder' });
  const show = (folder, p) =>
    frame.replaceChildren(
      el('h2', {}, `${folder.id}: ${p.kind}`),
      el('iframe', { class: 'report', id: 'study', src: pageUrl(folder, p.file), title: p.kind }),
    );
  const cols = [
    ['Folder', (f) => f.id],
    [
      'Pages',
      (f) =>
        f.pages.map((p) =>
          el(
            'button',
            { class: 'study-page', 'data-file': p.file, onclick: () => show(f, p) },
            p.kind,
          ),
        ),
    ],
    [
      'Written (UTC)',
      (f) =>
        f.pages
          .map((p) => p.modifiedIso.slice(0, 16).replace('T', ' '))
          .sort()
          .at(-1),
    ],
  ];
  page(
    'Studies',
    data.folders.length === 0
      ? el(
          'p',
          { id: 'no-studies' },
          `No study pages under ${data.root}: tlab optimize --out, tlab walk-forward --out and tlab backtest --out write them.`,
        )
      : el(
          'div',
          {},
          el('p', { class: 'muted' }, `${data.folders.length} folders under ${data.root}.`),
          table('studies', cols, data.folders, (f) => ({ 'data-folder': f.id })),
        ),
    frame,
  );
  const first =
    data.folders.find((f) => f.pages.some((p) => p.file === 'optimize.html')) ?? data.folders[0];
  if (first !== undefined)
    show(first, first.pages.find((p) => p.file === 'optimize.html') ?? first.pages[0]);
}
