/* global document, window */
// The dashboard's router: the part after # names the page (#/live, #/live/RUN, #/runs,
// #/run/RUN, #/compare/A/B, #/cache, #/studies). Each page module draws itself and returns a function that
// stops what it started (the live page's event stream). The body says when it is drawn
// (data-ready), so a test or a screenshot waits for the real content.
import { fail, login } from './core.js';
import { cachePage } from './cache-page.js';
import { livePage } from './live-page.js';
import { comparePage, runPage, runsPage } from './runs-page.js';
import { studiesPage } from './studies-page.js';

const ROUTES = [
  [/^#\/live\/(.+)$/, (m) => livePage(decodeURIComponent(m[1])), 'live'],
  [/^#\/live$/, () => livePage(undefined), 'live'],
  [/^#\/runs$/, () => runsPage(), 'runs'],
  [/^#\/run\/(.+)$/, (m) => runPage(decodeURIComponent(m[1])), 'runs'],
  [
    /^#\/compare\/([^/]+)\/([^/]+)$/,
    (m) => comparePage(decodeURIComponent(m[1]), decodeURIComponent(m[2])),
    'runs',
  ],
  [/^#\/cache$/, () => cachePage(), 'cache'],
  [/^#\/studies$/, () => studiesPage(), 'studies'],
];

let stop = () => {};

async function route() {
  stop();
  stop = () => {};
  document.body.dataset.ready = 'false';
  const hash = window.location.hash || '#/live';
  const hit = ROUTES.map(([re, draw, nav]) => [re.exec(hash), draw, nav]).find(([m]) => m !== null);
  const [m, draw, nav] = hit ?? [[], () => livePage(undefined), 'live'];
  for (const a of document.querySelectorAll('nav a'))
    a.classList.toggle('active', a.dataset.nav === nav);
  try {
    stop = (await draw(m)) ?? (() => {});
  } catch (err) {
    fail(err);
  }
  document.body.dataset.ready = 'true';
}

window.addEventListener('hashchange', route);
login()
  .catch((err) => fail(err))
  .then(route);
