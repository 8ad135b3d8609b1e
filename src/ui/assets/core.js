/* global document, window, fetch, history, location */
// Shared helpers of the dashboard's pages: the JSON API (the access token, when the dashboard
// needs one, is presented once from the address's #token= fragment and then rides in an HttpOnly
// cookie), element building that only ever sets text (never HTML), and small tables.

/** Fetches JSON from the dashboard; throws an Error with the server's one-line message. */
export async function api(path, options = {}) {
  const res = await fetch(path, { credentials: 'same-origin', ...options });
  const body = await res.json().catch(() => ({ error: `HTTP ${res.status}` }));
  if (!res.ok) throw new Error(body.error || `HTTP ${res.status}`);
  return body;
}

/** Presents a #token= fragment once (then drops it from the address bar and history). */
export async function login() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m === null) return;
  history.replaceState(null, '', location.pathname + '#/live');
  await api('/api/login', { method: 'POST', headers: { authorization: `Bearer ${m[1]}` } });
}

/** `el('td', { class: 'num' }, '1.00')`: attributes, then children (strings become text). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null) continue;
    e.append(c instanceof window.Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

/** A table: `cols` are `[title, cell(row), numeric?]`; `rowAttrs(row)` sets each row's attributes. */
export function table(id, cols, rows, rowAttrs = () => ({})) {
  const head = el(
    'tr',
    {},
    cols.map(([t, , n]) => el('th', { class: n ? 'num' : undefined }, t)),
  );
  const body = el('tbody', {});
  for (const r of rows) body.append(row(cols, r, rowAttrs));
  return el('table', { id }, el('thead', {}, head), body);
}

/** One body row of a {@link table}. */
export function row(cols, r, rowAttrs = () => ({})) {
  return el(
    'tr',
    rowAttrs(r),
    cols.map(([, cell, n]) => el('td', { class: n ? 'num' : undefined }, cell(r))),
  );
}

/** A labelled figure. */
export function card(key, value, id) {
  return el(
    'div',
    { class: 'card' },
    el('div', { class: 'k' }, key),
    el('div', { class: 'v', id }, value),
  );
}

/** A coloured status word. */
export function pill(text) {
  return el('span', { class: `pill ${text}` }, text);
}

/** The page body, emptied, with a heading. */
export function page(title, ...children) {
  const main = document.getElementById('page');
  main.replaceChildren(el('h1', {}, title), ...children);
  return main;
}

/** Shows an error in the page. */
export function fail(err) {
  page('Something went wrong', el('p', { class: 'error', id: 'page-error' }, err.message));
}

/** `YYYY-MM-DD HH:MM` UTC, as every table of the project writes times. */
export function instant(ms) {
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 16)}`;
}
