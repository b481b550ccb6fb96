/// The page's HTML, script and style, compiled into the binary: the page works on a
/// machine without network (no CDN, no font or library fetched).
enum Assets {
    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func index(models: [String]) -> String {
        let items = models.map { "<li><a href=\"/m/\(escape($0))\">\(escape($0))</a></li>" }.joined(separator: "\n")
        return """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Affluence — what-if</title><link rel="stylesheet" href="/assets/app.css"></head>
        <body><header><h1>Affluence what-if</h1><p>Pick a model: move its knobs, see the analytic twin at once, simulate, compare, save.</p></header>
        <main><ul id="models">
        \(items)
        </ul></main></body></html>
        """
    }

    static func page(model: String) -> String {
        """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Affluence — \(escape(model))</title><link rel="stylesheet" href="/assets/app.css"></head>
        <body data-model="\(escape(model))">
        <header><a href="/">Affluence what-if</a><h1 id="title">\(escape(model))</h1><p id="description"></p></header>
        <main>
        <section id="controls"><h2>Knobs</h2>
          <form id="knobs" onsubmit="return false"></form>
          <fieldset id="run"><legend>Simulation settings</legend>
            <label>Replications <input id="replications" type="number" min="1" max="20" step="1"></label>
            <span class="error" data-field="replications"></span>
            <label>Sample (%) <input id="sample" type="number" min="0.1" max="100" step="0.1"></label>
            <span class="error" data-field="sample"></span>
            <label>Seed <input id="seed" type="number" min="0" step="1"></label>
            <span class="error" data-field="seed"></span>
          </fieldset>
          <p class="error" id="page-error" data-field=""></p>
          <p>Share: <a id="share-link" href="">a link to this setting</a></p>
        </section>
        <section id="twin"><h2>Instant answer: the analytic twin</h2>
          <p id="twin-summary">…</p><div id="twin-charts"></div></section>
        <section id="simulation"><h2>Simulation</h2>
          <button id="simulate-button" type="button">Simulate</button>
          <button id="cancel-button" type="button" disabled>Cancel</button>
          <progress id="progress" max="1" value="0"></progress> <span id="job-message"></span>
          <div id="downloads"></div>
          <iframe id="report" title="Simulation report" hidden></iframe></section>
        <section id="comparison"><h2>Compare settings</h2>
          <p>Add settings, then compare them on common random numbers (paired 95% intervals against the first).</p>
          <button id="add-setting" type="button">Add this setting</button>
          <ol id="settings"></ol>
          <button id="compare-button" type="button" disabled>Compare</button>
          <button id="compare-cancel" type="button" disabled>Cancel</button>
          <progress id="compare-progress" max="1" value="0"></progress> <span id="compare-message"></span>
          <div id="compare-downloads"></div>
          <iframe id="compare-report" title="Comparison report" hidden></iframe></section>
        <section id="save"><h2>Save as scenario</h2>
          <p>Writes a scenario file next to the model that <code>extends:</code> it with these values; the command line reproduces the page's run.</p>
          <label>File name <input id="save-name" pattern="[A-Za-z0-9][A-Za-z0-9_-]*" maxlength="64"></label>
          <button id="save-button" type="button">Save</button>
          <span class="error" data-field="save_as"></span>
          <div id="save-result"></div></section>
        </main>
        <script src="/assets/app.js"></script>
        </body></html>
        """
    }

    static let style = """
    body { font-family: system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #fafafa; }
    header { padding: 0.8rem 1.2rem; background: #0b3c5d; color: white; }
    header a { color: #cde; } header h1 { margin: 0.2rem 0; font-size: 1.4rem; } header p { margin: 0; }
    main { display: grid; grid-template-columns: minmax(260px, 340px) 1fr; gap: 1rem; padding: 1rem; }
    section { background: white; border: 1px solid #ddd; border-radius: 6px; padding: 0.6rem 1rem; }
    #controls { grid-row: span 4; }
    h2 { font-size: 1.1rem; margin: 0.3rem 0 0.6rem; }
    .knob { margin-bottom: 0.8rem; } .knob label { display: block; font-weight: 600; }
    .knob input[type=range] { width: 70%; } .knob input[type=number] { width: 25%; }
    fieldset label { display: block; margin: 0.3rem 0; } fieldset input { width: 8rem; }
    .error { color: #b00020; white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.8rem; display: block; }
    .error:empty { display: none; }
    figure.twin { margin: 0 0 1rem; } figure.twin svg { max-width: 100%; height: auto; }
    .onset { font-weight: 600; } .late { color: #0a6; } .early { color: #b00020; }
    iframe { width: 100%; height: 900px; border: 1px solid #ccc; }
    progress { width: 12rem; vertical-align: middle; }
    pre { background: #f3f3f3; padding: 0.5rem; overflow-x: auto; }
    #downloads a, #compare-downloads a { margin-right: 0.8rem; }
    @media (max-width: 800px) { main { grid-template-columns: 1fr; } }
    """

    static let script = #"""
    'use strict';
    const model = document.body.dataset.model;
    const api = (p) => '/api/models/' + encodeURIComponent(model) + p;
    const $ = (id) => document.getElementById(id);
    let info = null, twinSeq = 0, timer = null;
    const settings = [];
    const jobs = { sim: null, cmp: null };

    function el(tag, attrs, text) {
      const e = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    }

    async function init() {
      const r = await fetch(api(''));
      const body = await r.json();
      if (!r.ok) { $('page-error').textContent = body.error; return; }
      info = body;
      $('title').textContent = info.name;
      $('description').textContent = info.description || '';
      const params = new URLSearchParams(location.search);
      const form = $('knobs');
      for (const k of info.knobs) {
        const box = el('div', { class: 'knob', 'data-knob': k.id });
        const unit = k.unit ? ' (' + k.unit + ')' : '';
        box.appendChild(el('label', { for: 'k-' + k.id }, k.label + unit));
        const start = params.get(k.id) ?? k.value;
        if (k.kind === 'policy') {
          const s = el('select', { id: 'k-' + k.id, name: k.id });
          for (const c of k.choices) { const o = el('option', { value: c }, c); if (c === start) o.selected = true; s.appendChild(o); }
          s.addEventListener('change', schedule);
          box.appendChild(s);
        } else {
          const range = el('input', { id: 'k-' + k.id, name: k.id, type: 'range', min: k.min, max: k.max, step: k.step, value: start });
          const number = el('input', { id: 'n-' + k.id, type: 'number', min: k.min, max: k.max, step: k.step, value: start, 'aria-label': k.label });
          range.addEventListener('input', () => { number.value = range.value; schedule(); });
          number.addEventListener('input', () => { range.value = number.value; schedule(); });
          box.appendChild(range); box.appendChild(number);
        }
        box.appendChild(el('span', { class: 'error', 'data-field': k.id }));
        form.appendChild(box);
      }
      $('replications').value = params.get('replications') ?? info.replications;
      $('sample').value = params.get('sample') ?? info.sample;
      $('seed').value = params.get('seed') ?? info.seed;
      for (const id of ['replications', 'sample', 'seed']) $(id).addEventListener('input', schedule);
      $('simulate-button').addEventListener('click', simulate);
      $('cancel-button').addEventListener('click', () => cancel('sim'));
      $('compare-cancel').addEventListener('click', () => cancel('cmp'));
      $('add-setting').addEventListener('click', addSetting);
      $('compare-button').addEventListener('click', compare);
      $('save-button').addEventListener('click', save);
      update();
    }

    function pairs() {
      const p = [];
      for (const k of info.knobs) {
        const v = k.kind === 'policy' ? $('k-' + k.id).value : $('n-' + k.id).value;
        p.push([k.id, v]);
      }
      p.push(['sample', $('sample').value], ['seed', $('seed').value], ['replications', $('replications').value]);
      return p;
    }
    const query = () => new URLSearchParams(pairs()).toString();

    function schedule() { clearTimeout(timer); timer = setTimeout(update, 120); }

    function clearErrors() { for (const e of document.querySelectorAll('.error')) e.textContent = ''; }

    function showErrors(body) {
      const fields = body.fields && body.fields.length ? body.fields : [{ field: '', message: body.error }];
      for (const f of fields) {
        const target = document.querySelector('.error[data-field="' + CSS.escape(f.field) + '"]') || $('page-error');
        target.textContent = (target.textContent ? target.textContent + '\n' : '') + f.message;
      }
    }

    async function update() {
      const q = query();
      history.replaceState(null, '', '?' + q);
      $('share-link').href = location.pathname + '?' + q;
      const seq = ++twinSeq;
      const r = await fetch(api('/twin?' + q));
      const body = await r.json();
      if (seq !== twinSeq) return;
      clearErrors();
      if (!r.ok) { showErrors(body); $('twin-summary').textContent = 'Fix the values marked in red.'; return; }
      const charts = $('twin-charts');
      charts.textContent = '';
      const lines = [];
      for (const g of body.groups) {
        const fig = el('figure', { class: 'twin', 'data-group': g.id });
        const cap = el('figcaption');
        const peak = g.peakUtilization == null ? 'unlimited capacity' : 'peak load ' + Math.round(g.peakUtilization * 100) + '% of capacity';
        cap.appendChild(el('strong', {}, g.label + ': '));
        cap.appendChild(el('span', { class: 'onset ' + (g.onset ? 'early' : 'late') }, g.onset ? 'overload predicted from ' + g.onset : 'no overload predicted'));
        cap.appendChild(document.createTextNode(' — ' + peak));
        fig.appendChild(cap);
        const holder = el('div');
        holder.innerHTML = g.svg;  // drawn by the server's chart code from numbers only
        fig.appendChild(holder);
        charts.appendChild(fig);
        lines.push(g.label + (g.onset ? ' ' + g.onset : ' —'));
      }
      $('twin-summary').textContent = 'Twin answered in ' + body.milliseconds.toFixed(1) + ' ms. Predicted onset: ' + lines.join('; ');
      document.body.dataset.twin = String(seq);
    }

    async function post(path, body) {
      const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body });
      return [r, await r.json()];
    }

    async function simulate() {
      clearErrors();
      const [r, body] = await post(api('/simulate'), query());
      if (!r.ok) { showErrors(body); return; }
      watch(body, 'sim');
    }

    function addSetting() {
      settings.push(query());
      const li = el('li', {}, decodeURIComponent(query()).replaceAll('&', ', '));
      $('settings').appendChild(li);
      $('compare-button').disabled = settings.length < 2;
    }

    async function compare() {
      clearErrors();
      const shared = new URLSearchParams([['sample', $('sample').value], ['seed', $('seed').value], ['replications', $('replications').value]]);
      const body = settings.map((s) => 'setting=' + encodeURIComponent(s)).join('&') + '&' + shared.toString();
      const [r, answer] = await post(api('/compare'), body);
      if (!r.ok) { showErrors(answer); return; }
      watch(answer, 'cmp');
    }

    function watch(status, which) {
      const ids = which === 'sim'
        ? { progress: 'progress', message: 'job-message', downloads: 'downloads', report: 'report', cancel: 'cancel-button' }
        : { progress: 'compare-progress', message: 'compare-message', downloads: 'compare-downloads', report: 'compare-report', cancel: 'compare-cancel' };
      jobs[which] = status.id;
      $(ids.cancel).disabled = false;
      $(ids.downloads).textContent = '';
      $(ids.report).hidden = true;
      const source = new EventSource('/api/jobs/' + status.id + '/events');
      source.addEventListener('status', (e) => {
        const s = JSON.parse(e.data);
        $(ids.progress).value = s.progress;
        $(ids.message).textContent = s.state + ': ' + s.message;
        document.body.dataset[which + 'State'] = s.state;
        if (['done', 'failed', 'cancelled'].includes(s.state)) {
          source.close();
          $(ids.cancel).disabled = true;
          if (s.state === 'done') finished(s, ids);
        }
      });
    }

    function finished(s, ids) {
      const box = $(ids.downloads);
      box.textContent = '';
      const base = '/api/jobs/' + s.id;
      box.appendChild(el('a', { href: base + '/download.zip', id: ids.downloads + '-zip' }, 'run folder (zip)'));
      for (const f of s.files) {
        if (f.endsWith('.csv')) box.appendChild(el('a', { href: base + '/files/' + encodeURIComponent(f), 'data-file': f }, f));
      }
      if (s.kind === 'simulate') box.appendChild(el('code', {}, s.command));
      const frame = $(ids.report);
      frame.src = base + '/files/report.html';
      frame.hidden = false;
    }

    async function cancel(which) {
      if (jobs[which]) await fetch('/api/jobs/' + jobs[which] + '/cancel', { method: 'POST' });
    }

    async function save() {
      clearErrors();
      const [r, body] = await post(api('/save'), query() + '&save_as=' + encodeURIComponent($('save-name').value));
      if (!r.ok) { showErrors(body); return; }
      const box = $('save-result');
      box.textContent = '';
      box.appendChild(el('p', {}, 'Saved ' + body.path + '. Reproduce it with:'));
      box.appendChild(el('pre', { id: 'save-command' }, body.command));
      box.appendChild(el('pre', { id: 'save-text' }, body.text));
      document.body.dataset.saved = body.path;
    }

    init();
    """#
}
