// The supervision dashboard: sign-in, the month's overview, trends, departments with drill-down, overdue items
// and the timeline of a case. Views are chosen by the location hash so that every view can be linked to.
import { Chart, registerables } from 'chart.js';
import { ApiError, request, signIn, signedIn, signOut } from './api.js';
import { current, named, percent, t, toggle } from './i18n.js';
import { applyTexts, h } from '../../web/dom.js';

Chart.register(...registerables);

const app = document.getElementById('app');
const state = { month: thisMonth(), filter: '', sort: { key: 'name', descending: false }, charts: [] };

function thisMonth() {
  const beijing = new Date(Date.now() + 8 * 3600 * 1000);
  return beijing.toISOString().slice(0, 7);
}

function applyLanguage() {
  applyTexts(current(), t);
  document.getElementById('sign-out').hidden = !signedIn();
}

function showError(error) {
  app.replaceChildren(h('p', { class: 'error', role: 'alert' }, error instanceof ApiError ? `${error.status}: ${error.message}` : String(error)));
}

function renderSignIn(message) {
  const input = h('input', { id: 'api-key', type: 'password', autocomplete: 'off', required: true });
  const form = h('form', { class: 'panel signin', onsubmit: async event => {
    event.preventDefault();
    try {
      await signIn(input.value.trim());
      await route();
    } catch (error) {
      renderSignIn(error instanceof ApiError && error.status === 401 ? t('badKey') : String(error));
    }
  } },
  h('h2', {}, t('signInTitle')),
  h('label', { for: 'api-key' }, t('apiKey'), input),
  message ? h('p', { class: 'error', role: 'alert' }, message) : null,
  h('button', { type: 'submit', class: 'primary' }, t('signIn')));
  delete app.dataset.month;
  app.replaceChildren(form);
  applyLanguage();
}

const columns = [
  { key: 'name', label: 'colName', text: true, value: f => f.name },
  { key: 'department', label: 'colCode', text: true, value: f => f.department },
  { key: 'uploads', label: 'colUploads', value: f => f.uploads },
  { key: 'recordsAccepted', label: 'colAccepted', value: f => f.recordsAccepted },
  { key: 'recordsRejected', label: 'colRejected', value: f => f.recordsRejected },
  { key: 'disclosure', label: 'colDisclosure', value: f => f.disclosure.onTimeShare, format: percent },
  { key: 'sharing', label: 'colSharing', value: f => f.sharing.onTimeShare, format: percent },
  { key: 'feedback', label: 'colFeedback', value: f => f.feedback.onTimeShare, format: percent },
  { key: 'overdueItems', label: 'colOverdue', value: f => f.overdueItems, bad: v => v > 0 },
  { key: 'creditChecks', label: 'colChecks', value: f => f.creditChecks },
  { key: 'checkCoverage', label: 'colCoverage', value: f => f.checkCoverage, format: percent },
];

/** The month's totals over the departments shown, computed from the same figures as the table. */
function totals(figures) {
  const sum = pick => figures.reduce((total, f) => total + pick(f), 0);
  const share = part => {
    const onTime = sum(f => f[part].onTime);
    const due = onTime + sum(f => f[part].late) + sum(f => f[part].overdue);
    return due === 0 ? null : onTime / due;
  };
  const decided = sum(f => f.licencesDecided);
  return [
    ['uploads', 'kpiUploads', sum(f => f.uploads)],
    ['recordsAccepted', 'kpiAccepted', sum(f => f.recordsAccepted)],
    ['recordsRejected', 'kpiRejected', sum(f => f.recordsRejected)],
    ['disclosureOnTime', 'kpiDisclosure', percent(share('disclosure'))],
    ['sharingOnTime', 'kpiSharing', percent(share('sharing'))],
    ['pushesReceived', 'kpiPushes', sum(f => f.pushesReceived)],
    ['feedbackOnTime', 'kpiFeedback', percent(share('feedback'))],
    ['overdueItems', 'kpiOverdue', sum(f => f.overdueItems)],
    ['creditChecks', 'kpiChecks', sum(f => f.creditChecks)],
    ['checkCoverage', 'kpiCoverage', percent(decided === 0 ? null : sum(f => f.licencesChecked) / decided)],
  ];
}

function departmentTable(figures) {
  const sorted = [...figures].sort((a, b) => {
    const column = columns.find(c => c.key === state.sort.key);
    const [x, y] = [column.value(a), column.value(b)];
    const order = x === y ? 0 : x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
    return state.sort.descending ? -order : order;
  });
  const header = columns.map(c => h('th', {
    scope: 'col', class: c.text ? 'text' : null,
    'aria-sort': state.sort.key === c.key ? (state.sort.descending ? 'descending' : 'ascending') : 'none',
  }, h('button', { type: 'button', 'data-sort': c.key, onclick: () => {
    state.sort = { key: c.key, descending: state.sort.key === c.key ? !state.sort.descending : false };
    renderOverview();
  } }, t(c.label))));
  const rows = sorted.map(f => h('tr', { 'data-department': f.department }, columns.map((c, i) => {
    const value = c.value(f);
    const text = c.format ? c.format(value) : value;
    return i === 0
      ? h('th', { scope: 'row', class: 'text' }, h('a', { href: `#department/${f.department}` }, text))
      : h('td', { class: [c.text ? 'text' : '', c.bad?.(value) ? 'bad' : ''].join(' ').trim() || null, 'data-column': c.key }, text);
  })));
  return h('table', { id: 'departments' }, h('caption', { class: 'visually-hidden' }, t('departments')), h('thead', {}, h('tr', {}, header)), h('tbody', {}, rows));
}

/** Overdue items; with <names> (department code → name) a department column shows who is late, by name. */
function overdueTable(items, names) {
  if (items.length === 0) return h('p', {}, t('none'));
  return h('table', { class: 'overdue' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'text' }, t('kind')), names ? h('th', { scope: 'col', class: 'text' }, t('department')) : null,
      h('th', { scope: 'col', class: 'text' }, t('item')), h('th', { scope: 'col', class: 'text' }, t('at')))),
    h('tbody', {}, items.map(item => h('tr', {},
      h('td', { class: 'text' }, t(item.kind)),
      names ? h('td', { class: 'text' }, names[item.department] ?? item.department) : null,
      h('td', { class: 'text' }, itemLink(item.item)),
      h('td', { class: 'text' }, when(item.at))))));
}

/** A moment in the page's language; a dash for none. */
function when(at) {
  return at ? new Date(at).toLocaleString(document.documentElement.lang) : '—';
}

/** A case's or a remedy's timeline: each step's time, kind and text in the language shown. */
function timelineSection(timeline) {
  const zh = current() === 'zh';
  return h('section', { class: 'panel', 'aria-labelledby': 'timeline-title' },
    h('h2', { id: 'timeline-title' }, t('timeline')),
    h('ol', { class: 'timeline', id: 'timeline' }, timeline.map(entry => h('li', { 'data-kind': entry.kind },
      h('time', { datetime: entry.at }, when(entry.at)),
      h('span', { class: 'kind' }, t(`timeline_${entry.kind}`)), zh ? entry.textZh : entry.text))));
}

/** "case:{id}" links to the case's timeline; "objection:{id}" and "repair:{id}" to the remedy; "record:{id}" and "commitment:{id}" to the item. */
function itemLink(item) {
  const [kind, id] = item.split(/:(.*)/s);
  return h('a', { href: `#${kind}/${id}` }, `${t(itemLabel(kind))} ${id}`);
}

function itemLabel(kind) {
  return kind === 'case' ? 'caseTitle' : ['record', 'commitment', 'report', 'complaint'].includes(kind) ? kind : 'remedy';
}

/** Fetches a month's figures once; filtering and sorting redraw from them. */
async function loadOverview(month) {
  const [statistics, trend, overdue, reports] = await Promise.all([
    request(`/api/statistics?month=${month}`),
    request(`/api/statistics?month=${month}&months=12`),
    request(`/api/statistics/overdue?month=${month}`),
    request('/api/reports-of-dishonesty'),
  ]);
  // Complaints of governments' breaches are the office's to decide: a department's key does not read them.
  const complaints = statistics.department === null ? await request('/api/government-complaints') : null;
  // The month's notice, once a statistics run has written it.
  const notice = await request(`/api/reports/${month}`).catch(error => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error)));
  return { month, statistics, trend, overdue, reports, complaints, notice };
}

/** How the office itself handled the month's complaints: decided on time / late / overdue, and the on-time share. */
function complaintHandling(figures) {
  const [onTime, late, overdue] = ['onTime', 'late', 'overdue'].map(k => figures.reduce((total, f) => total + f.integrity.complaintHandling[k], 0));
  const due = onTime + late + overdue;
  return h('p', { id: 'complaint-handling' }, `${t('complaintHandling')}: ${onTime} / ${late} / ${overdue} (${percent(due === 0 ? null : onTime / due)})`);
}

/** The departments the month's notice names, each with why, in the language shown. */
function namedPanel(notice) {
  const named = notice?.named ?? [];
  return h('section', { class: 'panel', 'aria-labelledby': 'named-title' }, h('h2', { id: 'named-title' }, t('named')),
    named.length === 0 ? h('p', {}, t(notice ? 'noneNamed' : 'noNotice')) : h('ul', { id: 'named' }, named.map(n => h('li', { 'data-department': n.department },
      h('a', { href: `#department/${n.department}` }, n.name), ': ', n.shortfalls.map(s => (current() === 'zh' ? s.messageZh : s.messageEn)).join(current() === 'zh' ? '；' : '; ')))));
}

/** The complaints of governments' breaches not yet decided, the overdue ones marked. */
function complaintsTable(complaints) {
  const open = complaints.filter(c => c.state !== 'Decided');
  if (open.length === 0) return h('p', {}, t('none'));
  return h('table', { id: 'complaints' },
    h('thead', {}, h('tr', {}, ['item', 'respondent', 'complainant', 'due'].map(k => h('th', { scope: 'col', class: 'text' }, t(k))))),
    h('tbody', {}, open.map(c => h('tr', {},
      h('td', { class: 'text' }, h('a', { href: `#complaint/${c.id}` }, c.id)),
      h('td', { class: 'text' }, c.respondentName),
      h('td', { class: 'text' }, c.complainantName),
      h('td', { class: c.overdue ? 'text bad' : 'text' }, c.decisionDue, c.overdue ? ` (${t('late')})` : '')))));
}

/** The reports of dishonesty not yet decided (the office: all; a department: those sent to it), the overdue ones marked. */
function reportsTable(reports, names) {
  const open = reports.filter(r => r.state !== 'Decided');
  if (open.length === 0) return h('p', {}, t('none'));
  return h('table', { id: 'reports' },
    h('thead', {}, h('tr', {}, ['item', 'reportSubject', 'reportState', 'department', 'due'].map(k => h('th', { scope: 'col', class: 'text' }, t(k))))),
    h('tbody', {}, open.map(r => h('tr', {},
      h('td', { class: 'text' }, h('a', { href: `#report/${r.id}` }, r.id)),
      h('td', { class: 'text' }, r.subjectName),
      h('td', { class: 'text' }, t(r.state)),
      h('td', { class: 'text' }, r.department ? names[r.department] ?? r.department : '—'),
      h('td', { class: r.overdue ? 'text bad' : 'text' }, r.state === 'Filed' ? r.triageDue : r.decisionDue, r.overdue ? ` (${t('late')})` : '')))));
}

async function renderOverview({ reload = false, focus = null } = {}) {
  if (reload || state.loaded?.month !== state.month) {
    const loaded = await loadOverview(state.month);
    // Another month was chosen while this one loaded: that choice's own render draws it.
    if (loaded.month !== state.month) return;
    state.loaded = loaded;
  }
  const { statistics, trend, overdue, reports, complaints, notice } = state.loaded;
  const names = Object.fromEntries(statistics.figures.map(f => [f.department, f.name]));
  state.charts.forEach(c => c.destroy());
  state.charts = [];
  const filter = state.filter.trim().toLowerCase();
  const shown = statistics.figures.filter(f => !filter || f.name.toLowerCase().includes(filter) || f.department.toLowerCase().includes(filter));
  const monthInput = h('input', { id: 'month', type: 'month', value: state.month, onchange: e => { state.month = e.target.value || thisMonth(); renderOverview().catch(showError); } });
  const filterInput = h('input', { id: 'filter', type: 'search', value: state.filter, oninput: e => { state.filter = e.target.value; renderOverview({ focus: 'filter' }); } });
  const shares = h('canvas', { id: 'chart-shares', role: 'img', 'aria-label': t('chartShares') });
  const records = h('canvas', { id: 'chart-records', role: 'img', 'aria-label': t('chartRecords') });
  app.replaceChildren(
    h('div', { class: 'filters' },
      h('label', { for: 'month' }, t('month'), monthInput),
      h('label', { for: 'filter' }, t('filter'), filterInput),
      // A department's key reads its own figures; only the supervising office runs the statistics.
      statistics.department === null ? h('button', { type: 'button', id: 'run', onclick: runStatistics }, t('run')) : null,
      h('button', { type: 'button', id: 'notice', class: 'primary', onclick: downloadNotice }, t('notice'))),
    h('section', { 'aria-labelledby': 'overview-title' }, h('h2', { id: 'overview-title' }, t('overview')),
      h('div', { class: 'kpis' }, totals(shown).map(([key, label, value]) => h('div', { class: 'kpi', 'data-kpi': key }, h('span', { class: 'value' }, value), h('span', { class: 'name' }, t(label)))))),
    h('section', { class: 'panel', 'aria-labelledby': 'trends-title' }, h('h2', { id: 'trends-title' }, t('trends')),
      h('div', { class: 'charts' }, h('div', {}, shares), h('div', {}, records))),
    namedPanel(notice),
    h('section', { class: 'panel', 'aria-labelledby': 'departments-title' }, h('h2', { id: 'departments-title' }, t('departments')), departmentTable(shown)),
    h('section', { class: 'panel', 'aria-labelledby': 'overdue-title' }, h('h2', { id: 'overdue-title' }, t('overdue')), overdueTable(overdue.items, names)),
    h('section', { class: 'panel', 'aria-labelledby': 'reports-title' }, h('h2', { id: 'reports-title' }, t('reports')), reportsTable(reports.reports, names)),
    complaints ? h('section', { class: 'panel', 'aria-labelledby': 'complaints-title' }, h('h2', { id: 'complaints-title' }, t('complaints')),
      complaintHandling(statistics.figures), complaintsTable(complaints.complaints)) : null);
  drawTrends(trend, shares, records);
  app.dataset.month = state.loaded.month;
  applyLanguage();
  if (focus === 'filter') {
    // The page was redrawn under the typing: keep the caret where it was.
    filterInput.focus();
    filterInput.setSelectionRange(state.filter.length, state.filter.length);
  }
}

function drawTrends(trend, shares, records) {
  const byMonth = trend.months.map(month => trend.figures.filter(f => f.month === month));
  const share = (figures, part) => {
    const onTime = figures.reduce((s, f) => s + f[part].onTime, 0);
    const due = figures.reduce((s, f) => s + f[part].onTime + f[part].late + f[part].overdue, 0);
    return due === 0 ? null : Math.round((onTime / due) * 1000) / 10;
  };
  const options = { animation: false, responsive: true, plugins: { legend: { position: 'bottom' } } };
  state.charts.push(new Chart(shares, { type: 'line', options: { ...options, scales: { y: { min: 0, max: 100 } } }, data: { labels: trend.months, datasets: [
    { label: t('colDisclosure'), data: byMonth.map(f => share(f, 'disclosure')), borderColor: '#0b5cad', spanGaps: true },
    { label: t('colFeedback'), data: byMonth.map(f => share(f, 'feedback')), borderColor: '#a4161a', spanGaps: true },
  ] } }));
  state.charts.push(new Chart(records, { type: 'bar', options, data: { labels: trend.months, datasets: [
    { label: t('colAccepted'), data: byMonth.map(f => f.reduce((s, x) => s + x.recordsAccepted, 0)), backgroundColor: '#0b5cad' },
    { label: t('colRejected'), data: byMonth.map(f => f.reduce((s, x) => s + x.recordsRejected, 0)), backgroundColor: '#a4161a' },
  ] } }));
}

async function runStatistics(event) {
  event.target.disabled = true;
  event.target.textContent = t('running');
  try {
    await request('/api/statistics/runs', { method: 'POST' });
    await renderOverview({ reload: true });
  } catch (error) {
    showError(error);
  }
}

async function downloadNotice() {
  const response = await request(`/api/reports/${state.month}?format=html`, { raw: true }).catch(showError);
  if (!response) return;
  const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `notice-${state.month}.html` });
  document.body.append(link);
  link.click();
  link.remove();
}

/** 分类监管: the department's population by grade (a chart, and its figures as a table) and its inspection plans. */
function supervisionPanel(grades, plans) {
  const chart = h('canvas', { id: 'chart-grades', role: 'img', 'aria-label': t('gradeChart') });
  const panel = h('section', { class: 'panel', 'aria-labelledby': 'supervision-title' }, h('h2', { id: 'supervision-title' }, t('supervisionByGrade')),
    h('div', { class: 'charts' }, h('div', {}, chart)),
    h('table', { id: 'grades' },
      h('thead', {}, h('tr', {}, ['A', 'B', 'C', 'D'].map(g => h('th', { scope: 'col' }, g)), h('th', { scope: 'col' }, t('notYetEvaluated')))),
      h('tbody', {}, h('tr', {}, ['A', 'B', 'C', 'D'].map(g => h('td', {}, grades.grades[g])), h('td', {}, grades.notYetEvaluated)))),
    plans.length === 0 ? h('p', {}, t('none')) : h('table', { id: 'plans' },
      h('thead', {}, h('tr', {}, ['item', 'plannedOn', 'drawn', 'seed'].map(k => h('th', { scope: 'col', class: 'text' }, t(k))))),
      h('tbody', {}, plans.map(p => h('tr', {},
        h('td', { class: 'text' }, p.id), h('td', { class: 'text' }, p.plannedOn), h('td', { class: 'text' }, String(p.drawn)), h('td', { class: 'text' }, p.seed))))));
  state.charts.push(new Chart(chart, { type: 'bar', options: { animation: false, responsive: true, plugins: { legend: { display: false } } },
    data: { labels: ['A', 'B', 'C', 'D'], datasets: [{ label: t('grades'), data: ['A', 'B', 'C', 'D'].map(g => grades.grades[g]), backgroundColor: ['#2b8a3e', '#0b5cad', '#e67700', '#a4161a'] }] } }));
  return panel;
}

async function renderDepartment(code) {
  const [statistics, trend, overdue, grades, plans, reasons] = await Promise.all([
    request(`/api/statistics?month=${state.month}&department=${code}`),
    request(`/api/statistics?month=${state.month}&months=12&department=${code}`),
    request(`/api/statistics/overdue?month=${state.month}&department=${code}`),
    request(`/api/evaluation/grades?department=${code}`),
    request(`/api/inspections/plans?department=${code}`),
    state.reasons ?? request('/api/reason-codes').then(r => r.codes),
  ]);
  state.reasons = reasons;
  state.charts.forEach(c => c.destroy());
  state.charts = [];
  const f = statistics.figures[0];
  const shares = h('canvas', { id: 'department-chart-shares', role: 'img', 'aria-label': t('chartShares') });
  const records = h('canvas', { id: 'department-chart-records', role: 'img', 'aria-label': t('chartRecords') });
  const triple = x => `${x.onTime} / ${x.late} / ${x.overdue}`;
  const rows = [
    ['kpiUploads', f.uploads], ['kpiAccepted', f.recordsAccepted], ['kpiRejected', f.recordsRejected],
    ['rejectedByReason', Object.keys(f.rejectedByReason).length === 0 ? t('none') : h('ul', { id: 'rejected-by-reason', class: 'reasons' },
      Object.entries(f.rejectedByReason).map(([code, n]) => h('li', { 'data-code': code }, `${named(reasons, code)} (${code}): ${n}`)))],
    ['disclosureDetail', triple(f.disclosure)], ['sharingDetail', `${f.sharing.onTime} / ${f.sharing.late}`], ['kpiPushes', f.pushesReceived], ['feedbackDetail', triple(f.feedback)],
    ['liftDetail', triple(f.liftAcknowledgements)], ['objectionDetail', triple(f.objections)], ['repairDetail', triple(f.repairs)],
    ['kpiChecks', f.creditChecks], ['kpiCoverage', percent(f.checkCoverage)],
    ['commitmentDetail', `${f.commitments.taken} / ${triple(f.commitments.deficiencies)} / ${f.commitments.breached}`],
    ['reportDetail', `${f.integrity.reportsReceived} / ${triple(f.integrity.reports)}`],
    ['complaintDetail', `${f.integrity.complaintsReceived} / ${f.integrity.complaintsUpheld} / ${f.integrity.governmentRecords}`],
    ['complaintHandlingDetail', triple(f.integrity.complaintHandling)],
    ['inspectionDetail', ['A', 'B', 'C', 'D'].map(g => f.inspections.inspectedByGrade[g]).join(' / ')],
    ['gradeDShare', percent(f.inspections.gradeDInspectedShare)],
  ];
  app.replaceChildren(
    h('p', {}, h('a', { href: '#' }, t('back'))),
    h('section', { class: 'panel', 'aria-labelledby': 'department-title' },
      h('h2', { id: 'department-title' }, `${f.name}（${f.department}） ${f.month}`),
      h('table', { id: 'department-figures' }, h('tbody', {}, rows.map(([label, value]) => h('tr', {}, h('th', { scope: 'row', class: 'text' }, t(label)), h('td', {}, value)))))),
    h('section', { class: 'panel', 'aria-labelledby': 'department-trends' }, h('h2', { id: 'department-trends' }, t('trends')),
      h('div', { class: 'charts' }, h('div', {}, shares), h('div', {}, records))),
    h('section', { class: 'panel', 'aria-labelledby': 'department-overdue' }, h('h2', { id: 'department-overdue' }, t('overdue')), overdueTable(overdue.items, null)),
    supervisionPanel(grades, plans.plans));
  drawTrends(trend, shares, records);
  applyLanguage();
}

async function renderCase(id) {
  const found = await request(`/api/cases/${encodeURIComponent(id)}`);
  const department = code => h('td', { class: 'text', 'data-department': code }, found.departmentNames[code] ?? code);
  app.replaceChildren(
    h('p', {}, h('a', { href: '#' }, t('back'))),
    h('section', { class: 'panel', 'aria-labelledby': 'case-title' },
      h('h2', { id: 'case-title' }, `${t('caseTitle')} ${found.caseId}`),
      h('p', {}, `${t('state')}: `, h('strong', { id: 'case-state', 'data-state': found.state }, t(`state_${found.state}`)), ` · ${t('subject')}: ${found.subject}`,
        found.endReason ? ` · ${t('endReason')}: ${t(`end_${found.endReason}`)}` : '')),
    h('section', { class: 'panel', 'aria-labelledby': 'assignments-title' },
      h('h2', { id: 'assignments-title' }, t('assignments')),
      found.assignments.length === 0 ? h('p', {}, t('none')) : h('table', { id: 'assignments' },
        h('thead', {}, h('tr', {}, ['department', 'measure', 'target', 'due', 'assignmentStatus'].map(k => h('th', { scope: 'col', class: 'text' }, t(k))))),
        h('tbody', {}, found.assignments.map(a => h('tr', { 'data-status': a.status },
          department(a.department),
          h('td', { class: 'text' }, `${a.measure.code} ${a.measure.name}`),
          h('td', { class: 'text' }, a.target.label),
          h('td', { class: a.overdue ? 'text bad' : 'text' }, a.deadline, a.overdue ? ` (${t('late')})` : ''),
          h('td', { class: 'text' }, t(`assignment_${a.status}`), a.late ? ` (${t('answeredLate')})` : '')))))),
    found.lifts.length === 0 ? null : h('section', { class: 'panel', 'aria-labelledby': 'lifts-title' },
      h('h2', { id: 'lifts-title' }, t('lifts')),
      h('table', { id: 'lifts' },
        h('thead', {}, h('tr', {}, ['department', 'due', 'acknowledged'].map(k => h('th', { scope: 'col', class: 'text' }, t(k))))),
        h('tbody', {}, found.lifts.map(l => h('tr', {},
          department(l.department),
          h('td', { class: l.overdue ? 'text bad' : 'text' }, l.deadline, l.overdue ? ` (${t('late')})` : ''),
          h('td', { class: 'text' }, l.acknowledged ? t('yes') : t('no'))))))),
    timelineSection(found.timeline));
  applyLanguage();
}

/** Where a remedy's item is read: a record, a list entry's case (same id), a commitment. */
function remedyItemLink(item) {
  const view = { Record: 'record', ListEntry: 'case', Commitment: 'commitment' }[item.kind];
  return h('a', { href: `#${view}/${item.id}` }, `${t(`item_${item.kind}`)} ${item.id}`);
}

/** An objection or a repair as the office follows it: its facts, the decision and its timeline, as a case page shows them. */
async function renderRemedy(kind, id) {
  const { remedy: r, evidence, timeline, decidingDepartmentName } = await request(`/api/${kind}s/${encodeURIComponent(id)}`);
  const facts = [
    ['state', h('strong', { id: 'remedy-state', 'data-state': r.state }, t(`remedy_${r.state}`))],
    ['item', remedyItemLink(r.item)],
    ['filedBy', r.filedBy === 'subject' ? t('filedBySubject') : r.filedBy],
    ['filedAt', when(r.filedAt)],
    ['decidingDepartment', decidingDepartmentName ?? r.decidingDepartment],
    ['deadline', h('span', { class: r.overdue ? 'bad' : '' }, r.deadline, r.overdue ? ` (${t('late')})` : '')],
    ['statement', r.statement],
    ['proof', r.proof ?? '—'],
    ['decisionReason', r.decisionReason ?? '—'],
    ['decidedAt', r.decidedAt ? [when(r.decidedAt), r.decidedLate ? ` (${t('decidedLate')})` : ''] : '—'],
    ['evidence', evidence.length ? evidence.join(', ') : t('none')],
  ];
  app.replaceChildren(
    h('p', {}, h('a', { href: '#' }, t('back'))),
    h('section', { class: 'panel', 'aria-labelledby': 'remedy-title' },
      h('h2', { id: 'remedy-title' }, `${t(r.kind === 'Objection' ? 'remedyObjection' : 'remedyRepair')} ${r.id}`),
      h('table', { id: 'remedy-facts' }, h('tbody', {}, facts.map(([label, value]) => h('tr', {}, h('th', { scope: 'row', class: 'text' }, t(label)), h('td', { class: 'text' }, value)))))),
    timelineSection(timeline));
  applyLanguage();
}

async function renderItem(kind, id) {
  const path = kind === 'record' ? `/api/records/${encodeURIComponent(id)}`
    : kind === 'report' ? `/api/reports-of-dishonesty/${encodeURIComponent(id)}`
    : kind === 'complaint' ? `/api/government-complaints/${encodeURIComponent(id)}` : `/api/${kind}s/${encodeURIComponent(id)}`;
  const found = await request(path);
  app.replaceChildren(
    h('p', {}, h('a', { href: '#' }, t('back'))),
    h('section', { class: 'panel', 'aria-labelledby': 'item-title' }, h('h2', { id: 'item-title' }, `${t(itemLabel(kind))} ${id}`),
      h('pre', {}, JSON.stringify(found, null, 2))));
  applyLanguage();
}

async function route() {
  if (!signedIn()) {
    renderSignIn();
    return;
  }
  const [view, ...rest] = decodeURIComponent(location.hash.slice(1)).split('/');
  const id = rest.join('/');
  try {
    if (view === 'case' && id) await renderCase(id);
    else if (view === 'department' && id) await renderDepartment(id);
    else if (['objection', 'repair'].includes(view) && id) await renderRemedy(view, id);
    else if (['record', 'commitment', 'report', 'complaint'].includes(view) && id) await renderItem(view, id);
    else await renderOverview();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      signOut();
      renderSignIn(t('badKey'));
    } else {
      showError(error);
    }
  }
}

document.getElementById('language').addEventListener('click', async () => { toggle(); await route(); });
document.getElementById('sign-out').addEventListener('click', () => { signOut(); location.hash = ''; renderSignIn(); });
window.addEventListener('hashchange', route);
applyLanguage();
route();
