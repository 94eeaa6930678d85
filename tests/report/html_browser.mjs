// node tests/report/html_browser.mjs REPORT.html SCREENSHOT_PREFIX [--require-cr-bom] [--require-timing] [--require-deviation]
//
// Opens an HTML report (harness/report/html.hpp) in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core from clients/node_modules: `bash clients/install`) and checks, through
// the DOM, what the page shows against the report data embedded in it:
//   - it loads without a script error and requests nothing but the file itself;
//   - the summary counts, and the matrix: one row per case, one column per implementation, every
//     cell's data-outcome the worst outcome of that case x implementation's entries;
//   - the pruned view: one row per distinct result vector, the folded counts adding up to the cases;
//     the outcome and text filters show exactly the matching rows;
//   - a case view (reached by clicking the case, and by a deep link): the stream byte-exact (text
//     plus markers' data-hex give back the bytes; no raw control byte, space or BOM in the text),
//     as many CR, LF, space, BOM markers as the stream has those bytes, one event marker per
//     event_starts offset, one finding marker per finding, linked both ways;
//   - every entry of a case with a deviation (else of one with any entry that differs from its
//     expectation): the first difference the page highlights is the one a partial comparison finds
//     (computed here independently), marked in both panes;
//   - a case with timing shows an SVG chart with one bar and one dot per read; one without, none.
// Saves PREFIX-matrix.png and PREFIX-case.png. The --require flags make the absence of such a case
// in the report a failure. Exit 0 when every check holds; 1 with "html_browser: FAIL: ..." on the
// first that does not; 2 on usage errors.
import { createRequire } from 'node:module';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const require = createRequire(path.join(repo, 'clients', 'package.json'));

const OUTCOMES = ['ok', 'non-strict', 'informational', 'deviation', 'disputed', 'failed', 'error'];
const PROBLEMS = new Set(['deviation', 'disputed', 'failed', 'error']);
const STREAM_LIMIT = 256 * 1024;
const SVG_NS = 'http://www.w3.org/2000/svg';

const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
const [reportPath, shotPrefix] = argv.filter((a) => !a.startsWith('--'));
const known = new Set(['--require-cr-bom', '--require-timing', '--require-deviation']);
if (!reportPath || !shotPrefix || [...flags].some((f) => !known.has(f))) {
  console.error('usage: node html_browser.mjs REPORT.html SCREENSHOT_PREFIX [--require-cr-bom] [--require-timing] [--require-deviation]');
  process.exit(2);
}
if (!existsSync(reportPath)) {
  console.error(`html_browser: FAIL: no report at ${reportPath}`);
  process.exit(1);
}

let passed = 0;
function check(cond, what, detail = '') {
  if (!cond) throw new Error(what + (detail ? `: ${detail}` : ''));
  ++passed;
  console.log(`ok   ${what}`);
}
const note = (what) => console.log(`note ${what}`);

// ---- what the page should show, computed from the data alone ----------------------------------
const rank = (o) => OUTCOMES.indexOf(o);
const worst = (list) => (list.length ? list.reduce((w, e) => (rank(e.outcome) > rank(w) ? e.outcome : w), 'ok') : 'none');
const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const pathText = (p) => p.reduce((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${k}` : k), '');

/// The path of the first difference between a partial expectation and a result (check/compare.cpp's
/// walk: expected keys only; arrays by length, then elements; top-level findings as rule counts).
function firstDiff(e, a, p = []) {
  if (isObj(e)) {
    if (!isObj(a)) return p;
    for (const k of Object.keys(e)) {
      if (!(k in a)) return [...p, k];
      if (!p.length && k === 'findings') {
        const got = {};
        for (const f of Array.isArray(a[k]) ? a[k] : []) got[f.rule] = (got[f.rule] || 0) + 1;
        const want = isObj(e[k]) ? e[k] : null;
        const same = want && Object.keys(want).every((r) => (got[r] || 0) === want[r]) && Object.keys(got).every((r) => r in want);
        if (!same) return [k];
        continue;
      }
      const d = firstDiff(e[k], a[k], [...p, k]);
      if (d) return d;
    }
    return null;
  }
  if (Array.isArray(e)) {
    if (!Array.isArray(a) || a.length !== e.length) return p;
    for (let i = 0; i < e.length; ++i) {
      const d = firstDiff(e[i], a[i], [...p, i]);
      if (d) return d;
    }
    return null;
  }
  return e === a ? null : p;
}

function countBytes(buf, seq) {
  let n = 0;
  for (let at = buf.indexOf(seq); at >= 0; at = buf.indexOf(seq, at + seq.length)) ++n;
  return n;
}

async function main() {
  const { chromium } = require('playwright-core');
  const url = pathToFileURL(path.resolve(reportPath)).href;
  mkdirSync(path.dirname(path.resolve(shotPrefix)), { recursive: true });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const errors = [];
    const requests = [];
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`console error: ${m.text()}`); });
    page.on('request', (r) => requests.push(r.url()));

    const t0 = performance.now();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-ready]', { timeout: 30000 });
    const loadMs = performance.now() - t0;
    const inPageMs = await page.evaluate(() => performance.now());
    check(errors.length === 0, 'the page renders without script errors', errors.join('; '));
    check((await page.getAttribute('body', 'data-ready')) === '1', 'the page says it is ready', await page.textContent('#summary'));
    const D = await page.evaluate(() => JSON.parse(document.getElementById('report-data').textContent));
    console.log(`note ${path.basename(reportPath)}: ${D.cases.length} cases x ${D.implementations.length} implementations, ${D.entries.length} entries; ` +
      `loaded and rendered in ${loadMs.toFixed(0)} ms (${inPageMs.toFixed(0)} ms after navigation start, in the page)`);

    const impls = D.implementations.map((i) => i.name);
    const entriesOf = (id) => D.entries.filter((e) => e.case === id);
    const cellOutcome = new Map();
    const cellCount = new Map();
    for (const c of D.cases) for (const impl of impls) {
      const list = D.entries.filter((e) => e.case === c.id && e.impl === impl);
      cellOutcome.set(`${c.id}\0${impl}`, worst(list));
      cellCount.set(`${c.id}\0${impl}`, list.length);
    }
    const vector = (c) => impls.map((i) => cellOutcome.get(`${c.id}\0${i}`)).join(',');

    // ---- summary and matrix ---------------------------------------------------------------------
    const counts = await page.$$eval('#counts [data-outcome]', (xs) => Object.fromEntries(xs.map((x) => [x.dataset.outcome, +x.dataset.count])));
    check(OUTCOMES.every((o) => counts[o] === D.counts[o]) && counts.total === D.entries.length, 'the summary counts every class as the data does', JSON.stringify(counts));
    const rows = await page.$$eval('#matrix-body tr.case-row', (trs) => trs.map((tr) => tr.dataset.case));
    check(rows.length === D.cases.length && rows.every((id, i) => id === D.cases[i].id), `the matrix has one row per case, in order (${rows.length})`);
    const heads = await page.$$eval('#matrix thead th.impl', (ths) => ths.map((th) => th.dataset.impl));
    check(heads.length === impls.length && heads.every((h, i) => h === impls[i]), `the matrix has one column per implementation, in order (${heads.length})`);
    const cells = await page.$$eval('#matrix-body td.cell', (tds) => tds.map((td) => [td.dataset.case, td.dataset.impl, td.dataset.outcome, +td.dataset.count, td.title]));
    check(cells.length === D.cases.length * impls.length, `the matrix has cases x implementations cells (${cells.length})`);
    const wrong = cells.filter(([c, i, o, n, title]) => o !== cellOutcome.get(`${c}\0${i}`) || n !== cellCount.get(`${c}\0${i}`) || !title.includes(o));
    check(wrong.length === 0, 'every cell shows the worst outcome of its entries (and their number, in its title too)', JSON.stringify(wrong.slice(0, 3)));
    const tally = {};
    for (const o of cellOutcome.values()) tally[o] = (tally[o] || 0) + 1;
    note(`cells by worst outcome: ${JSON.stringify(tally)}`);

    // ---- pruned view and filters ----------------------------------------------------------------
    const distinct = new Set(D.cases.map(vector)).size;
    await page.check('#pruned');
    const groups = await page.$$eval('#pruned-body tr.group-row', (trs) => trs.map((tr) => +tr.dataset.count));
    check(await page.isHidden('#matrix-body'), 'the pruned view replaces the full matrix');
    check(groups.length === distinct, `the pruned view has one row per distinct result vector (${groups.length})`);
    check(groups.reduce((a, b) => a + b, 0) === D.cases.length, `the folded counts add up to the ${D.cases.length} cases`);
    if (distinct < D.cases.length) {
      check(groups.length < rows.length, `cases that share a result vector fold: ${rows.length} rows become ${groups.length}`);
      const g = groups.findIndex((n) => n > 1);
      await page.click(`#pruned-body tr.group-row[data-group="${g}"] button.fold`);
      const members = await page.$$eval(`#pruned-body tr.group-members[data-group="${g}"]:not([hidden]) li a`, (as) => as.length);
      check(members === groups[g], `a folded row expands to the ${groups[g]} cases it stands for`);
    } else {
      note('no two cases share a result vector: nothing to fold');
    }
    await page.uncheck('#pruned');
    check(await page.isVisible('#matrix-body'), 'unticking pruned brings the full matrix back');

    const shownRows = () => page.$$eval('#matrix-body tr.case-row', (trs) => trs.filter((tr) => !tr.hidden).map((tr) => tr.dataset.case));
    await page.click('[data-preset=problems]');
    const problemCases = D.cases.filter((c) => impls.some((i) => PROBLEMS.has(cellOutcome.get(`${c.id}\0${i}`)))).map((c) => c.id);
    const shownProblems = await shownRows();
    check(JSON.stringify(shownProblems) === JSON.stringify(problemCases), `"problems only" shows exactly the ${problemCases.length} cases with a deviation, dispute, failure or error`);
    await page.click('[data-preset=all]');
    const probe = D.cases[Math.min(1, D.cases.length - 1)];
    const word = probe.id.split('/').pop();
    await page.fill('#filter-text', word);
    const matching = D.cases.filter((c) => [c.id, c.title, c.dialect, c.file, ...c.tags].join('\n').toLowerCase().includes(word.toLowerCase())).map((c) => c.id);
    check(JSON.stringify(await shownRows()) === JSON.stringify(matching), `the text filter "${word}" shows exactly the ${matching.length} matching cases`);
    await page.fill('#filter-text', '');
    check((await shownRows()).length === D.cases.length, 'clearing the filter shows every case again');
    await page.screenshot({ path: `${shotPrefix}-matrix.png` });
    note(`screenshot ${shotPrefix}-matrix.png`);

    // ---- a case view: the stream byte by byte ---------------------------------------------------
    const bytesOf = (c) => Buffer.from(c.stream_base64 || '', 'base64');
    const crBom = (c) => countBytes(bytesOf(c), Buffer.from([0x0d])) + countBytes(bytesOf(c), Buffer.from([0xef, 0xbb, 0xbf]));
    let target = D.cases.filter((c) => crBom(c) > 0).sort((a, b) => crBom(b) - crBom(a))[0];
    if (flags.has('--require-cr-bom')) check(!!target, 'the report has a case with a CR or a BOM in its stream');
    if (!target) {
      note('no case has a CR or BOM in its stream: checking the case with the most findings instead');
      target = [...D.cases].sort((a, b) => b.findings.length - a.findings.length)[0];
    }
    const openCase = async (c, how) => {
      const t = performance.now();
      if (how === 'click') await page.click(`#matrix-body tr.case-row[data-case=${JSON.stringify(c.id)}] th a`);
      else await page.evaluate((h) => { location.hash = h; }, '#case=' + encodeURIComponent(c.id));
      await page.waitForSelector(`#case-view[data-case=${JSON.stringify(c.id)}]`, { state: 'visible' });
      return performance.now() - t;
    };
    const viewMs = await openCase(target, 'click');
    check(await page.evaluate(() => location.hash) === '#case=' + encodeURIComponent(target.id), `clicking ${target.id} routes to #case=${encodeURIComponent(target.id)}`);
    check(await page.isHidden('#matrix-view'), 'the case view replaces the matrix');
    check((await page.textContent('#case-title')) === (target.title || target.id), 'the case view shows the case title');
    note(`case view of ${target.id} (${target.bytes} bytes) rendered in ${viewMs.toFixed(0)} ms`);

    const s = await page.evaluate(() => {
      const root = document.getElementById('stream');
      const bytes = [];
      const stray = [];
      const enc = new TextEncoder();
      const walk = (node) => {
        for (const n of node.childNodes) {
          if (n.nodeType === Node.TEXT_NODE) {
            for (const ch of n.data) {
              const cp = ch.codePointAt(0);
              if (cp <= 0x20 || cp === 0x7f || cp === 0xfeff) stray.push(cp);
            }
            for (const b of enc.encode(n.data)) bytes.push(b);
          } else if (n.classList.contains('m')) {
            const h = n.dataset.hex;
            for (let i = 0; i < h.length; i += 2) bytes.push(parseInt(h.slice(i, i + 2), 16));
          } else if (!n.classList.contains('ev') && !n.classList.contains('fm')) {
            walk(n);
          }
        }
      };
      walk(root);
      const q = (sel) => root.querySelectorAll(sel);
      return {
        hex: bytes.map((b) => b.toString(16).padStart(2, '0')).join(''),
        stray,
        lf: q('.m.lf').length,
        cr: q('.m.cr').length,
        bom: q('.m.bom').length,
        sp: Array.from(q('.m.sp')).reduce((n, x) => n + x.textContent.length, 0),
        lfText: Array.from(q('.m.lf')).every((x) => x.textContent === '\\n\n'),
        ev: Array.from(q('.ev')).map((x) => +x.dataset.offset),
        fm: q('.fm').length,
        shown: +root.dataset.shown,
      };
    });
    const bytes = bytesOf(target);
    const shown = bytes.subarray(0, Math.min(bytes.length, STREAM_LIMIT));
    check(s.shown === shown.length, `the stream view shows ${shown.length} of ${bytes.length} bytes`);
    check(s.hex === shown.toString('hex'), 'the stream view is byte-exact: its text and its markers give back the stream');
    check(s.stray.length === 0, 'no CR, LF, space, control byte or BOM is left invisible in the stream text', JSON.stringify(s.stray.slice(0, 10)));
    const cr = countBytes(shown, Buffer.from([0x0d]));
    const lf = countBytes(shown, Buffer.from([0x0a]));
    const bom = countBytes(shown, Buffer.from([0xef, 0xbb, 0xbf]));
    const sp = countBytes(shown, Buffer.from([0x20]));
    check(s.cr === cr && s.lf === lf && s.lfText, `CR and LF markers: ${s.cr} \\r and ${s.lf} \\n (each LF followed by a line break)`);
    check(s.bom === bom, `BOM badges: ${s.bom}`);
    check(s.sp === sp, `spaces shown as dots: ${s.sp}`);
    if (flags.has('--require-cr-bom')) check(cr > 0 && bom > 0, 'the chosen stream has both CRs and a BOM');
    const starts = target.event_starts.filter((o) => bytes.length <= STREAM_LIMIT || o < STREAM_LIMIT);
    check(JSON.stringify(s.ev) === JSON.stringify(starts), `event markers: ${s.ev.length}, one at each event_starts offset`);
    check(s.fm === target.findings.length, `finding markers: ${s.fm}, one per finding of the case`);
    check((await page.$$('#findings li')).length === target.findings.length, `the finding list has the ${target.findings.length} findings`);
    if (target.findings.length) {
      await page.click('#fm-0');
      check(await page.evaluate(() => document.getElementById('f-0').classList.contains('flash')), 'a finding marker leads to its entry in the list');
      await page.click('#f-0 button.goto');
      check(await page.evaluate(() => document.getElementById('fm-0').classList.contains('flash')), 'a finding in the list leads back to its marker');
      const sev = await page.getAttribute('#fm-0', 'class');
      check(sev.includes(`sev-${target.findings[0].severity}`), 'finding markers are coloured by severity');
    }
    const entries = entriesOf(target.id);
    const shells = await page.$$eval('#entries details.entry', (ds) => ds.map((d) => [+d.dataset.entry, d.dataset.outcome]));
    check(shells.length === entries.length && shells.every(([, o], i) => o === entries[i].outcome), `the case view lists its ${entries.length} entries with their outcomes`);
    if (!target.timing.length) check(!(await page.$('#timing-chart')), 'a case without timing has no chart');
    await page.screenshot({ path: `${shotPrefix}-case.png` });
    note(`screenshot ${shotPrefix}-case.png`);

    // ---- expected vs actual ---------------------------------------------------------------------
    const hasDiff = (e) => e.expected && e.actual && firstDiff(e.expected, e.actual) !== null;
    // A case with a deviation that differs from its expectation; failing that, any entry that does.
    const differs = (c, o) => entriesOf(c.id).some((e) => (!o || e.outcome === o) && hasDiff(e));
    const devCase = [target, ...D.cases].find((c) => differs(c, 'deviation')) || [target, ...D.cases].find((c) => differs(c));
    const wantOutcome = devCase && differs(devCase, 'deviation') ? 'deviation' : null;
    if (flags.has('--require-deviation')) check(wantOutcome === 'deviation', 'the report has a deviation whose result differs from its expectation');
    if (devCase) {
      if (devCase !== target) await openCase(devCase, 'hash');
      await page.evaluate(() => document.querySelectorAll('#entries details.entry').forEach((d) => { d.open = true; }));
      await page.waitForFunction(() => Array.from(document.querySelectorAll('#entries .entry-body')).every((b) => b.dataset.done));
      const indexes = D.entries.map((e, k) => [e, k]).filter(([e]) => e.case === devCase.id);
      let compared = 0;
      let highlighted = 0;
      for (const [e, k] of indexes) {
        if (!e.expected || !e.actual) continue;
        const want = firstDiff(e.expected, e.actual);
        const got = await page.$eval(`#diff-${k}`, (d) => [d.dataset.diff, d.dataset.diffPath]);
        check(got[0] === (want ? 'found' : 'none') && got[1] === (want ? pathText(want) : ''), `entry ${k} (${e.impl}${e.variant ? ' ' + e.variant : ''}, ${e.outcome}): first difference ${want ? pathText(want) || '(document)' : 'none'}`, JSON.stringify(got));
        ++compared;
        if (want) {
          const marks = await page.evaluate((k) => [document.querySelectorAll(`#exp-${k} .diff-first`).length, document.querySelectorAll(`#act-${k} .diff-first`).length], k);
          check(marks[0] === 1 && marks[1] === 1, `entry ${k}: the first difference is highlighted once in expected and once in actual`, JSON.stringify(marks));
          if (!wantOutcome || e.outcome === wantOutcome) ++highlighted;
        }
      }
      check(highlighted > 0, `${devCase.id}: ${highlighted} ${wantOutcome || 'differing'} entr${highlighted > 1 ? 'ies show' : 'y shows'} a highlighted first difference (${compared} entries compared)`);
    } else {
      note('no entry in this report differs from its expectation: the diff highlight was not exercised');
    }

    // ---- timing chart ---------------------------------------------------------------------------
    const timed = D.cases.filter((c) => c.timing.length);
    if (flags.has('--require-timing')) check(timed.length > 0, 'the report has a case with timing');
    for (const c of timed.slice(0, 3)) {
      await openCase(c, 'hash');
      const chart = await page.evaluate(() => {
        const svg = document.getElementById('timing-chart');
        if (!svg) return null;
        const box = svg.getBoundingClientRect();
        return { ns: svg.namespaceURI, bars: svg.querySelectorAll('rect.bar').length, dots: svg.querySelectorAll('circle.dot').length, w: box.width, h: box.height };
      });
      check(chart && chart.ns === SVG_NS && chart.w > 200 && chart.h > 100, `${c.id}: the timing chart is a rendered SVG`, JSON.stringify(chart));
      check(chart.bars === c.timing.length && chart.dots === c.timing.length, `${c.id}: the chart has one bar and one dot per read (${c.timing.length})`);
    }
    if (timed.length) {
      await page.evaluate(() => document.getElementById('timing-chart').scrollIntoView());
      await page.screenshot({ path: `${shotPrefix}-timing.png` });
      note(`screenshot ${shotPrefix}-timing.png`);
    }

    // ---- back, deep link, no network -----------------------------------------------------------
    await page.click('#back');
    await page.waitForSelector('#matrix-view', { state: 'visible' });
    check(await page.isHidden('#case-view'), 'the matrix link leads back to the matrix');
    const deep = await browser.newPage();
    deep.on('pageerror', (e) => errors.push(`page error (deep link): ${e.message}`));
    deep.on('request', (r) => requests.push(r.url()));
    await deep.goto(`${url}#case=${encodeURIComponent(target.id)}`, { waitUntil: 'load' });
    await deep.waitForSelector(`#case-view[data-case=${JSON.stringify(target.id)}]`, { state: 'visible' });
    check(true, `a link to #case=${encodeURIComponent(target.id)} opens that case directly`);
    await deep.close();
    check(errors.length === 0, 'no script error anywhere on the way', errors.join('; '));
    const foreign = requests.filter((r) => r.split('#')[0] !== url && !r.startsWith('data:'));
    check(foreign.length === 0, `the page requested nothing but itself (${requests.length} requests)`, foreign.join(' '));
    console.log(`html_browser: ${passed} checks passed on ${reportPath} (load ${loadMs.toFixed(0)} ms)`);
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(0), (err) => {
  console.error(`html_browser: FAIL: ${err && err.message ? err.message : err}`);
  process.exit(1);
});
