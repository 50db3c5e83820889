// 信用北京 public query: search by name or code, a subject's page (list status, records newest first, paged),
// and the daily files of published records. Views follow the location hash so that they can be linked to, except a
// person's page: an ID number never goes into the address (or the history), and is never shown whole.
import { current, t, toggle } from './i18n.js';
import { applyTexts, h } from '../../web/dom.js';

const app = document.getElementById('app');
const state = { person: null };

class ApiError extends Error {
  constructor(status, body) {
    const error = body?.error;
    super(error ? (current() === 'zh' ? error.messageZh : error.message) : `HTTP ${status}`);
    this.status = status;
    this.code = error?.code;
  }
}

async function get(path) {
  const response = await fetch(path, { headers: { Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

// The checks of GB 32100-2015 and GB 11643-1999, as the API makes them (credit/Identifiers): a code valid as both is
// taken for an ID number where its first two digits name a province and the next digits a birth date.
const USCC = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const provinces = new Set([11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82]);
function validUscc(q) {
  if (q.length !== 18 || [...q].some(c => !USCC.includes(c))) return false;
  const sum = usccWeights.reduce((total, weight, i) => total + USCC.indexOf(q[i]) * weight, 0);
  return USCC[(31 - (sum % 31)) % 31] === q[17];
}
function validId(q) {
  if (!/^\d{17}[\dX]$/.test(q)) return false;
  const sum = idWeights.reduce((total, weight, i) => total + Number(q[i]) * weight, 0);
  return '10X98765432'[sum % 11] === q[17];
}
function looksLikeId(q) {
  const [year, month, day] = [Number(q.slice(6, 10)), Number(q.slice(10, 12)), Number(q.slice(12, 14))];
  const date = new Date(Date.UTC(year, month - 1, day));
  return provinces.has(Number(q.slice(0, 2))) && year >= 1900 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
const isIdNumber = q => validId(q.toUpperCase()) && (!validUscc(q.toUpperCase()) || looksLikeId(q));
const isCreditCode = q => /^[0-9A-Z]{18}$/.test(q.toUpperCase()) && !isIdNumber(q);
const maskId = id => `${id.slice(0, 6)}${'*'.repeat(8)}${id.slice(14)}`;

function applyLanguage() {
  applyTexts(current(), t);
  document.getElementById('language').setAttribute('aria-label', t('languageLabel'));
}

function searchForm(value = '') {
  const input = h('input', { id: 'query', name: 'query', type: 'search', autocomplete: 'off', required: true, maxlength: '100', value });
  return h('form', { class: 'search', role: 'search', onsubmit: event => {
    event.preventDefault();
    const q = input.value.trim();
    if (!q) return;
    if (isIdNumber(q)) {
      // A person's page is shown from memory: the number stays out of the address.
      state.person = q.toUpperCase();
      if (location.hash === '#/person') route(); else location.hash = '#/person';
    } else {
      location.hash = isCreditCode(q) ? `#/subject/${q.toUpperCase()}` : `#/search/${encodeURIComponent(q)}`;
    }
  } },
  h('label', { for: 'query' }, t('query'), input),
  h('button', { type: 'submit', class: 'primary' }, t('search')));
}

function show(...content) {
  app.replaceChildren(...content.filter(c => c != null));
  applyLanguage();
}

function failure(error) {
  return h('p', { class: 'error', role: 'alert' }, error instanceof ApiError ? error.message : `${t('error')}: ${error}`);
}

async function home() {
  show(searchForm(), h('p', { class: 'hint', id: 'hint' }, t('hint')));
}

async function search(q) {
  show(searchForm(q), h('p', { role: 'status' }, t('searching')));
  try {
    const found = await get(`/api/public/search?name=${encodeURIComponent(q)}`);
    const results = found.subjects.length === 0
      ? h('p', { role: 'status', id: 'empty' }, t('noMatch', { q }))
      : h('section', { class: 'panel', 'aria-labelledby': 'matches' }, h('h2', { id: 'matches' }, t('matches')),
        h('ul', { class: 'results', id: 'results' }, found.subjects.map(s => h('li', {},
          s.code ? h('a', { href: `#/subject/${s.code}` }, s.name) : h('span', {}, s.name, ' · ', h('span', { class: 'hint' }, t('personByName')))))));
    show(searchForm(q), results);
  } catch (error) {
    show(searchForm(q), failure(error));
  }
}

const kindOf = code => (isIdNumber(code) ? t('person') : code.startsWith('92') ? t('individual') : t('legal'));

function listRows(lists) {
  return lists.map(e => {
    const removed = e.status === 'removed';
    return h('tr', {},
      h('td', { 'data-label': t('status') }, h('span', { class: `tag ${e.listType === 'Black' ? 'black' : 'red'}` }, t(e.listType === 'Black' ? 'black' : 'red')),
        removed ? h('span', { class: 'tag' }, t('removed')) : null,
        // An entry another platform listed (全国、天津、河北): named with the platform, not as Beijing's own.
        e.source ? h('span', { class: 'tag source' }, t('listedBy', { source: current() === 'zh' ? e.sourceName : e.sourceNameEn })) : null),
      h('td', { 'data-label': t('category') }, removed && !e.source ? '' : e.field ? `${e.category} / ${e.field}` : e.category),
      h('td', { 'data-label': t('document') }, e.decisionDocument ?? ''),
      h('td', { 'data-label': t('department') }, e.initiatingDepartmentName ?? e.initiatingDepartment),
      h('td', { 'data-label': removed ? t('reason') : t('period') }, removed ? `${e.reasonZh} ${e.removedOn}` : `${e.startDate} – ${e.endDate ?? ''}`));
  });
}

function commitmentRows(commitments) {
  return commitments.map(c => h('tr', {},
    h('td', { 'data-label': t('commitmentKind') }, t(c.kind)),
    h('td', { 'data-label': t('department') }, c.departmentName ?? c.department),
    h('td', { 'data-label': t('reference') }, c.reference),
    h('td', { 'data-label': t('content') }, c.text),
    h('td', { 'data-label': t('takenOn') }, c.dueDate ? `${c.takenOn}（${t('dueDate')} ${c.dueDate}）` : c.takenOn),
    h('td', { 'data-label': t('status') }, h('span', { class: `tag ${c.status === 'Breached' ? 'black' : ''}`.trim() }, t(c.status)), c.outcomeOn ? ` ${c.outcomeOn}` : '')));
}

function recordStatus(r) {
  if (r.status === 'revoked') {
    const day = (r.revokedAt ?? '').slice(0, 10);
    return r.reason?.startsWith('信用修复')
      ? h('span', { class: 'tag repaired' }, `${t('repaired')} ${day}`)
      : h('span', { class: 'tag' }, `${t('revoked')} ${day}：${r.reason}`);
  }
  return r.underObjection ? h('span', { class: 'tag objection' }, t('underObjection')) : '';
}

function recordRows(records) {
  return records.map(r => {
    const f = r.fields ?? {};
    const kind = r.kind === 'License' ? 'license' : r.kind === 'Penalty' ? 'penalty' : null;
    return h('tr', {},
      h('td', { 'data-label': t('recordKind') }, kind ? t(kind) : '—'),
      h('td', { 'data-label': t('document') }, r.documentNumber ?? ''),
      h('td', { 'data-label': t('date') }, r.decisionDate ?? ''),
      h('td', { 'data-label': t('department') }, f.CF_CFJG ?? f.XK_XKJG ?? r.departmentCode ?? ''),
      h('td', { 'data-label': t('content') }, f.CF_NR ?? f.XK_NR ?? ''),
      h('td', { 'data-label': t('status') }, recordStatus(r)));
  });
}

function table(headers, rows) {
  return h('table', {}, h('thead', {}, h('tr', {}, headers.map(k => h('th', { scope: 'col' }, t(k))))), h('tbody', {}, rows));
}

async function subject(code, offset = 0) {
  const shown = isIdNumber(code) ? maskId(code) : code;
  show(searchForm(isIdNumber(code) ? '' : code), h('p', { role: 'status' }, t('searching')));
  // A government body (统一社会信用代码 beginning with 1) may also have public 政务失信 records, and only those.
  const body = !isIdNumber(code) && code.trim().startsWith('1');
  const [found, dishonesty] = await Promise.all([
    get(`/api/public/subjects/${encodeURIComponent(code)}${offset ? `?page=${offset}` : ''}`).catch(error => error),
    body && offset === 0 ? get(`/api/public/government-records/${encodeURIComponent(code)}`).then(r => r.records, () => []) : Promise.resolve([]),
  ]);
  const missing = found instanceof ApiError && found.status === 404;
  if (found instanceof Error && !(missing && dishonesty.length)) {
    show(searchForm(isIdNumber(code) ? '' : code), missing ? h('p', { role: 'status', id: 'empty' }, t('noSubject')) : failure(found));
    return;
  }
  const page = missing ? { lists: [], records: [], total: 0 } : found;

  const commitments = page.commitments ?? [];
  const name = page.lists[0]?.subjectName ?? page.records.find(r => r.subjectName)?.subjectName ?? commitments[0]?.subjectName ?? dishonesty[0]?.bodyName ?? '';
  const pager = h('div', { class: 'pager' },
    h('button', { type: 'button', id: 'previous', disabled: offset === 0, onclick: () => subject(code, Math.max(0, offset - 20)) }, t('previous')),
    h('span', { id: 'page-of' }, t('pageOf', { from: page.total === 0 ? 0 : offset + 1, to: offset + page.records.length, total: page.total })),
    h('button', { type: 'button', id: 'next', disabled: !page.next, onclick: () => subject(code, Number(page.next)) }, t('next')));
  show(
    searchForm(isIdNumber(code) ? '' : code),
    h('section', { class: 'panel', 'aria-labelledby': 'subject-name' },
      h('h2', { id: 'subject-name' }, name || shown),
      h('dl', { class: 'facts' }, h('dt', {}, t('code')), h('dd', { id: 'subject-code' }, shown), h('dt', {}, t('kind')), h('dd', {}, kindOf(code)),
        page.grade ? [h('dt', {}, t('grade')), h('dd', { id: 'grade', 'data-grade': page.grade.grade },
          t('gradeOf', { grade: page.grade.grade, version: page.grade.modelVersion, date: page.grade.evaluatedOn }))] : null)),
    h('section', { class: 'panel', id: 'lists', 'aria-labelledby': 'lists-title' }, h('h2', { id: 'lists-title' }, t('lists')),
      page.lists.length ? table(['status', 'category', 'document', 'department', 'period'], listRows(page.lists)) : h('p', {}, t('noLists'))),
    h('section', { class: 'panel', id: 'records', 'aria-labelledby': 'records-title' }, h('h2', { id: 'records-title' }, t('records')),
      page.records.length ? table(['recordKind', 'document', 'date', 'department', 'content', 'status'], recordRows(page.records)) : h('p', {}, t('noRecords')),
      page.total > 20 ? pager : null),
    commitments.length ? h('section', { class: 'panel', id: 'commitments', 'aria-labelledby': 'commitments-title' }, h('h2', { id: 'commitments-title' }, t('commitments')),
      table(['commitmentKind', 'department', 'reference', 'content', 'takenOn', 'status'], commitmentRows(commitments))) : null,
    dishonesty.length ? h('section', { class: 'panel', id: 'government-records', 'aria-labelledby': 'government-records-title' },
      h('h2', { id: 'government-records-title' }, t('governmentRecords')),
      table(['source', 'document', 'date', 'authority', 'content'], dishonesty.map(r => h('tr', {},
        h('td', { 'data-label': t('source') }, t(r.source)),
        h('td', { 'data-label': t('document') }, r.document),
        h('td', { 'data-label': t('date') }, r.decisionDate),
        h('td', { 'data-label': t('authority') }, r.authority),
        h('td', { 'data-label': t('content') }, r.conduct))))) : null,
    h('section', { class: 'panel', 'aria-labelledby': 'report-title' }, h('h2', { id: 'report-title' }, t('reportTitle')),
      h('p', {}, t('report'), ' ', h('a', { href: '#/report', id: 'report-link' }, t('reportLink')))));
  app.focus();
}

async function files(month) {
  const input = h('input', { id: 'month', type: 'month', value: month, onchange: event => { location.hash = `#/files/${event.target.value}`; } });
  const header = [h('h2', {}, t('filesTitle')), h('p', { class: 'hint' }, t('filesHint'), ' ', h('a', { href: 'data.html' }, t('schema'))), h('label', { for: 'month' }, `${t('month')} `, input)];
  try {
    const listed = await get(`/api/public/files?month=${month}`);
    show(h('section', { class: 'panel', id: 'files' }, header, listed.files.length === 0 ? h('p', { role: 'status' }, t('noFiles'))
      : table(['day', 'recordKind', 'format', 'size', 'download'], listed.files.map(f => h('tr', {},
        h('td', { 'data-label': t('day') }, f.day), h('td', { 'data-label': t('recordKind') }, t(f.kind)), h('td', { 'data-label': t('format') }, f.format),
        h('td', { 'data-label': t('size') }, `${(f.bytes / 1024).toFixed(1)} KiB`),
        h('td', { 'data-label': t('download') }, h('a', { href: f.path, download: '' }, `${f.day} ${t(f.kind)} ${f.format}`)))))));
  } catch (error) {
    show(h('section', { class: 'panel' }, header, failure(error)));
  }
}

/** A subject's own report: ordered with its key (kept in this page only), followed until issued, downloaded with the key. */
async function report() {
  const key = h('input', { id: 'subject-key', type: 'password', autocomplete: 'off', required: true, maxlength: '100' });
  const status = h('div', { id: 'report-status', role: 'status' });
  const form = h('form', { class: 'search', onsubmit: async event => {
    event.preventDefault();
    status.replaceChildren(t('issuing'));
    try {
      await requestReport(key.value.trim(), status);
    } catch (error) {
      status.replaceChildren(h('p', { class: 'error', role: 'alert' }, error instanceof ApiError && error.status === 401 ? t('badKey') : error.message));
    }
  } },
  h('label', { for: 'subject-key' }, t('yourKey'), key),
  h('button', { type: 'submit', class: 'primary' }, t('request')));
  show(h('section', { class: 'panel', 'aria-labelledby': 'request-title' }, h('h2', { id: 'request-title' }, t('requestTitle')), h('p', { class: 'hint' }, t('requestHint')), form, status));
}

async function requestReport(key, status) {
  const call = async (path, init = {}) => {
    const response = await fetch(path, { ...init, headers: { 'X-Api-Key': key, 'Content-Type': 'application/json', ...(init.headers ?? {}) } });
    if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
    return response;
  };
  let view = await (await call('/api/me/credit-reports', { method: 'POST', body: '{"kind":"full"}', headers: { 'Idempotency-Key': crypto.randomUUID() } })).json();
  while (view.status !== 'Ready') {
    await new Promise(resolve => setTimeout(resolve, 500));
    view = await (await call(`/api/me/credit-reports/${view.id}`)).json();
  }

  // The files need the key: fetched here, handed to the browser as local copies.
  const file = async (path, type) => URL.createObjectURL(new Blob([await (await call(path)).arrayBuffer()], { type }));
  const pdf = await file(view.pdf, 'application/pdf');
  const html = await file(view.html, 'text/html');
  status.replaceChildren(h('div', { id: 'report-ready' },
    h('p', {}, t('ready')),
    h('dl', { class: 'facts' }, h('dt', {}, t('reportId')), h('dd', { id: 'report-id' }, view.id), h('dt', {}, t('verify')), h('dd', {}, h('a', { href: view.verification }, view.verification))),
    h('p', {}, h('a', { href: pdf, download: `credit-report-${view.id}.pdf`, id: 'report-pdf' }, t('downloadPdf')), ' · ', h('a', { href: html, download: `credit-report-${view.id}.html` }, t('openHtml')))));
}

/** 失信举报: a report sent (anonymous or named, with evidence files), its number and token shown once; and a report followed by both. */
async function tipoff() {
  const field = (id, label, control) => h('label', { for: id }, t(label), control);
  const input = (id, attributes = {}) => h('input', { id, name: id, autocomplete: 'off', ...attributes });
  const name = input('reported-name', { required: true, maxlength: '200' });
  const code = input('reported-code', { maxlength: '18' });
  const conduct = h('textarea', { id: 'conduct', name: 'conduct', required: true, maxlength: '4000', rows: '5' });
  const anonymous = h('input', { id: 'anonymous', type: 'checkbox' });
  const reporter = input('reporter-name', { maxlength: '100' });
  const contact = input('reporter-contact', { maxlength: '200' });
  const files = h('input', { id: 'evidence', type: 'file', multiple: true });
  const status = h('div', { id: 'tipoff-status', role: 'status' });
  anonymous.addEventListener('change', () => { reporter.disabled = contact.disabled = anonymous.checked; });
  const form = h('form', { class: 'stack', id: 'tipoff-form', onsubmit: async event => {
    event.preventDefault();
    status.replaceChildren(t('submitting'));
    try {
      status.replaceChildren(await fileReport({
        subjectName: name.value, subjectCode: code.value.trim() || null, conduct: conduct.value, anonymous: anonymous.checked,
        reporterName: anonymous.checked ? null : reporter.value.trim() || null, reporterContact: anonymous.checked ? null : contact.value.trim() || null,
      }, [...files.files]));
      form.reset();
    } catch (error) {
      status.replaceChildren(failure(error));
    }
  } },
  field('reported-name', 'reportedName', name), field('reported-code', 'reportedCode', code), field('conduct', 'conduct', conduct),
  h('label', { for: 'anonymous', class: 'check' }, anonymous, t('anonymous')),
  field('reporter-name', 'reporterName', reporter), field('reporter-contact', 'reporterContact', contact), field('evidence', 'evidence', files),
  h('button', { type: 'submit', class: 'primary' }, t('submit')));

  const number = input('follow-id', { required: true, maxlength: '26' });
  const token = input('follow-token', { type: 'password', required: true, maxlength: '64' });
  const progress = h('div', { id: 'follow-status', role: 'status' });
  const followForm = h('form', { class: 'search', id: 'follow-form', onsubmit: async event => {
    event.preventDefault();
    try {
      progress.replaceChildren(await followReport(number.value.trim(), token.value.trim()));
    } catch (error) {
      progress.replaceChildren(failure(error));
    }
  } }, field('follow-id', 'reportNo', number), field('follow-token', 'token', token), h('button', { type: 'submit', class: 'primary' }, t('follow')));

  show(
    h('section', { class: 'panel', 'aria-labelledby': 'tipoff-title' }, h('h2', { id: 'tipoff-title' }, t('tipoffTitle')), h('p', { class: 'hint' }, t('tipoffHint')), form, status),
    h('section', { class: 'panel', 'aria-labelledby': 'follow-title' }, h('h2', { id: 'follow-title' }, t('followTitle')), followForm, progress));
}

async function fileReport(body, files) {
  // One key per report sent: a resend after a lost answer is the same report, with the same token.
  const response = await fetch('/api/public/reports-of-dishonesty', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(body),
  });
  const filed = await response.json().catch(() => null);
  if (!response.ok) {
    const problems = filed?.problems ?? [];
    throw new ApiError(response.status, problems.length
      ? { error: { message: problems.map(p => `${p.field}: ${p.message}`).join('; '), messageZh: problems.map(p => `${p.field}：${p.messageZh}`).join('；') } }
      : filed);
  }

  const sent = [];
  for (const file of files) {
    const put = await fetch(`/api/public/reports-of-dishonesty/${filed.id}/evidence/${encodeURIComponent(file.name)}`, { method: 'PUT', headers: { 'X-Report-Token': filed.token }, body: file });
    if (!put.ok) throw new ApiError(put.status, await put.json().catch(() => null));
    sent.push(file.name);
  }

  return h('div', { id: 'tipoff-filed' },
    h('p', {}, t('filed')),
    h('dl', { class: 'facts' },
      h('dt', {}, t('reportNo')), h('dd', { id: 'tipoff-id' }, filed.id),
      h('dt', {}, t('token')), h('dd', { id: 'tipoff-token' }, filed.token),
      h('dt', {}, t('triageDue')), h('dd', {}, filed.triageDue)),
    h('p', { class: 'hint' }, t('tokenHint')),
    sent.length ? h('p', {}, t('uploaded', { names: sent.join(', ') })) : null);
}

async function followReport(id, token) {
  const response = await fetch(`/api/public/reports-of-dishonesty/${encodeURIComponent(id)}`, { headers: { 'X-Report-Token': token, Accept: 'application/json' } });
  if (response.status === 404) return h('p', { class: 'error', role: 'alert' }, t('notFollowed'));
  if (!response.ok) throw new ApiError(response.status, await response.json().catch(() => null));
  const report = await response.json();
  return h('dl', { class: 'facts', id: 'follow-result' },
    h('dt', {}, t('status')), h('dd', { id: 'follow-state' }, t(`state${report.state}`)),
    report.finding ? [h('dt', {}, t('finding')), h('dd', { id: 'follow-finding' }, t(report.finding))] : null,
    report.reply ? [h('dt', {}, t('reply')), h('dd', { id: 'follow-reply' }, report.reply)] : null,
    report.decidedAt ? [h('dt', {}, t('decidedAt')), h('dd', {}, report.decidedAt.slice(0, 10))] : null);
}

const thisMonth = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 7);

async function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [view, ...rest] = hash.split('/');
  const argument = decodeURIComponent(rest.join('/'));
  if (view === 'search' && argument) await search(argument);
  else if (view === 'subject' && argument) await subject(argument);
  else if (view === 'person' && state.person) await subject(state.person);
  else if (view === 'report') await report();
  else if (view === 'tipoff') await tipoff();
  else if (view === 'files') await files(/^\d{4}-\d{2}$/.test(argument) ? argument : thisMonth());
  else await home();
}

document.getElementById('language').addEventListener('click', async () => {
  toggle();
  await route();
});
window.addEventListener('hashchange', route);
route();
