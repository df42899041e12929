// @ts-check
/**
 * The local console's page: reads the world from `api/state` every second (a 304 when nothing changed) and draws
 * it. Every value from the world is put in with textContent or an attribute, never as markup: environment names,
 * error texts and settings are user-controlled.
 */
'use strict';

/**
 * @typedef {import('../document').ConsoleDocument} ConsoleDocument
 * @typedef {import('../document').ConsoleEnvironment} ConsoleEnvironment
 * @typedef {import('../document').ConsoleJob} ConsoleJob
 * @typedef {import('../document').ConsoleRequest} ConsoleRequest
 * @typedef {import('../document').ConsoleStack} ConsoleStack
 * @typedef {import('../document').ConsoleResource} ConsoleResource
 * @typedef {string | Node | null | undefined | false} Child
 */

(() => {
  const POLL_MS = 1000;
  const STATUS_WORDS = /** @type {const} */ ({
    'in-sync': 'In sync', 'drifted': 'Drifted', 'missing': 'Missing', 'unknown': 'Unknown', 'not-compared': 'Not compared',
  });

  /** @type {ConsoleDocument | undefined} */
  let current;
  /** What the server's clock is ahead of this one, in ms: running jobs' bars end at the server's now. */
  let clockOffset = 0;
  let etag = '';
  let paused = false;
  /** The sections' data as last drawn: a section is drawn again only when its data changed. */
  const drawn = { environments: '', timeline: '', stacks: '', requests: '' };

  /**
   * An element with attributes and children; text is always a text node.
   * @param {string} tag
   * @param {Record<string, string | undefined>} [attributes]
   * @param {...(Child | Child[])} children
   * @returns {HTMLElement}
   */
  function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) if (value !== undefined) element.setAttribute(name, value);
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return element;
  }

  /** @param {string} id */
  function byId(id) {
    const element = document.getElementById(id);
    if (!element) throw new Error(`The page has no #${id}`);
    return element;
  }

  /** @param {number} ms */
  function clockTime(ms) {
    return new Date(ms).toLocaleTimeString(undefined, { hour12: false });
  }

  /** @param {number} ms */
  function elapsed(ms) {
    if (ms < 1000) return `${Math.round(ms)} ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
    return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
  }

  /** @param {number} n @param {string} one @param {string} [many] */
  function count(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
  }

  let ids = 0;
  /** A fresh element id, never made from data. @param {string} stem */
  function freshId(stem) {
    ids += 1;
    return `${stem}-${ids}`;
  }

  /** The server's time now, by this page's clock. */
  function serverNow() {
    return Date.now() + clockOffset;
  }

  // ---- Environments -------------------------------------------------------------------------------------------

  /** @param {readonly ConsoleEnvironment[]} environments */
  function drawEnvironments(environments) {
    const list = byId('environment-list');
    if (environments.length === 0) {
      list.replaceChildren(h('p', {}, 'The world has no environments.'));
      return;
    }
    /** @type {Map<string, ConsoleEnvironment[]>} */
    const apps = new Map();
    for (const environment of environments) apps.set(environment.appId, [...apps.get(environment.appId) ?? [], environment]);
    list.replaceChildren(...[...apps.entries()].map(([appId, appEnvironments]) => {
      const titleId = freshId('app');
      return h('section', { 'class': 'app', 'aria-labelledby': titleId },
        h('h3', { id: titleId }, appEnvironments[0].appName, ' ', h('span', { class: 'muted' }, `(app ${appId})`)),
        appEnvironments.map(drawEnvironment));
    }));
  }

  /** @param {ConsoleEnvironment} environment */
  function drawEnvironment(environment) {
    const titleId = freshId('environment');
    return h('article', { 'class': 'environment', 'aria-labelledby': titleId },
      h('h4', { id: titleId }, environment.name),
      environment.categories.length === 0
        ? h('p', { class: 'muted' }, 'No auth or storage.')
        : environment.categories.map((category) => h('div', { class: 'scroll' },
          h('table', { class: 'settings' },
            h('caption', {}, `${category.category}: ${category.resourceName}${category.imported ? ' (imported)' : ''}`),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Setting'), h('th', { scope: 'col' }, 'Value'))),
            h('tbody', {}, category.settings.map((setting) => h('tr', {},
              h('th', { scope: 'row' }, setting.name),
              'secret' in setting ? h('td', { class: 'secret' }, 'a secret: not shown') : h('td', {}, setting.value))))))));
  }

  // ---- Jobs ---------------------------------------------------------------------------------------------------

  /** @param {ConsoleJob} job */
  function jobLabel(job) {
    const end = job.endTime === undefined ? 'running' : `ended ${clockTime(job.endTime)}, ${elapsed(job.endTime - job.createTime)}`;
    return `${job.operation}, ${job.status}, started ${clockTime(job.createTime)}, ${end}${job.error ? `: ${job.error}` : ''}`;
  }

  /** @param {ConsoleJob} job */
  function jobClass(job) {
    const status = job.endTime === undefined ? 'running' : job.error !== undefined || job.status === 'FAILED' ? 'failed' : 'completed';
    return `bar ${status}${job.external ? ' external' : ''}`;
  }

  /** @param {ConsoleDocument} document_ */
  function drawTimeline(document_) {
    const timeline = byId('timeline');
    const focusedJob = document.activeElement instanceof HTMLElement && timeline.contains(document.activeElement)
      ? document.activeElement.dataset.jobId : undefined;
    const now = serverNow();
    const windowMs = Number(/** @type {HTMLSelectElement} */ (byId('window')).value);
    const jobs = document_.jobs.items.filter((job) => windowMs === 0 || (job.endTime ?? now) >= now - windowMs);
    byId('jobs-summary').textContent = document_.jobs.total === 0 ? 'No jobs yet.'
      : `${count(jobs.length, 'job')} shown of ${document_.jobs.total}`
        + `${document_.jobs.total > document_.jobs.items.length ? ` (the newest ${document_.jobs.items.length} are kept here)` : ''}; `
        + `${count(jobs.filter((job) => job.endTime === undefined).length, 'running', 'running')}, `
        + `${count(jobs.filter((job) => job.status === 'FAILED').length, 'failed', 'failed')}.`;
    if (jobs.length === 0) {
      timeline.replaceChildren();
      return;
    }
    const start = Math.min(...jobs.map((job) => job.createTime));
    const end = Math.max(start + 1000, ...jobs.map((job) => job.endTime ?? now));
    const at = (/** @type {number} */ time) => ((time - start) / (end - start)) * 100;
    /** @type {Map<string, ConsoleJob[]>} */
    const lanes = new Map();
    for (const job of [...jobs].reverse()) {
      const lane = `${job.appId}\u0000${job.environment}`;
      lanes.set(lane, [...lanes.get(lane) ?? [], job]);
    }
    const ordered = [...lanes.values()].sort((a, b) => a[0].appId.localeCompare(b[0].appId) || a[0].environment.localeCompare(b[0].environment));
    timeline.replaceChildren(
      h('ul', { class: 'lanes' }, ordered.map((laneJobs) => {
        const { appId, environment } = laneJobs[0];
        const nameId = freshId('lane');
        return h('li', { class: 'lane' },
          h('p', { class: 'lane-name', id: nameId }, environment, ' ', h('span', { class: 'muted' }, `(app ${appId})`)),
          h('ol', { 'class': 'track', 'aria-labelledby': nameId, 'aria-describedby': 'timeline-hint' }, laneJobs.map((job, index) => {
            const bar = h('button', { 'type': 'button', 'class': jobClass(job), 'data-job-id': job.jobId, 'tabindex': index === laneJobs.length - 1 ? '0' : '-1' },
              h('span', { class: 'visually-hidden' }, jobLabel(job)));
            bar.style.left = `${at(job.createTime)}%`;
            bar.style.width = `${at(job.endTime ?? now) - at(job.createTime)}%`;
            bar.title = jobLabel(job);
            bar.addEventListener('click', () => showJob(job));
            bar.addEventListener('focus', () => showJob(job));
            bar.addEventListener('mouseenter', () => showJob(job));
            return h('li', {}, bar);
          })));
      })),
      h('p', { 'class': 'axis', 'aria-label': 'Time span' }, h('span', {}, clockTime(start)), h('span', {}, clockTime(end))));
    if (focusedJob !== undefined) {
      for (const bar of timeline.querySelectorAll('button')) if (bar.dataset.jobId === focusedJob) bar.focus();
    }
  }

  /** Arrow keys, Home and End move between the jobs of a lane (one tab stop per lane). @param {KeyboardEvent} event */
  function moveInLane(event) {
    const bar = event.target;
    if (!(bar instanceof HTMLButtonElement) || !bar.classList.contains('bar')) return;
    const bars = [...(bar.closest('ol')?.querySelectorAll('button') ?? [])];
    const index = bars.indexOf(bar);
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: bars.length - 1 }[event.key];
    if (next === undefined || !bars[next]) return;
    event.preventDefault();
    for (const other of bars) other.tabIndex = -1;
    bars[next].tabIndex = 0;
    bars[next].focus();
  }

  /** @param {ConsoleJob} job */
  function showJob(job) {
    const rows = [
      ['Environment', `${job.environment} (app ${job.appId})`],
      ['Operation', job.operation],
      ['Status', job.status],
      ['Started', clockTime(job.createTime)],
      ['Ended', job.endTime === undefined ? 'still running' : `${clockTime(job.endTime)}, after ${elapsed(job.endTime - job.createTime)}`],
      ['Job id', job.jobId],
      ['Started by', job.external ? 'someone else (not a call to this server)' : 'a call to the API'],
    ];
    if (job.error !== undefined) rows.push(['Error', job.error]);
    byId('job-detail-body').replaceChildren(h('dl', { class: job.error !== undefined ? 'failed' : undefined },
      rows.flatMap(([term, value]) => [h('dt', {}, term), h('dd', {}, value)])));
  }

  // ---- Stacks and drift ---------------------------------------------------------------------------------------

  /** @param {ConsoleDocument['drift']} drift */
  function drawStacks(drift) {
    const checked = drift.checkedAt === undefined ? '' : `Compared with the world at ${clockTime(drift.checkedAt)}, as local drift does.`;
    byId('drift-summary').textContent = [checked, drift.note ?? '', drift.stacks.length === 0 ? 'No stacks are deployed locally.' : '']
      .filter(Boolean).join(' ');
    byId('stack-list').replaceChildren(...drift.stacks.map(drawStack));
  }

  /** @param {ConsoleStack} stack */
  function drawStack(stack) {
    const compared = stack.resources.filter((resource) => resource.status !== 'not-compared');
    const counts = Object.entries(STATUS_WORDS).map(([status, word]) => [word, compared.filter((resource) => resource.status === status).length])
      .filter(([, n]) => n !== 0).map(([word, n]) => `${n} ${String(word).toLowerCase()}`);
    const ordered = [...compared, ...stack.resources.filter((resource) => resource.status === 'not-compared')];
    return h('div', { class: 'scroll' }, h('table', { class: 'drift' },
      h('caption', {}, `${stack.name}: ${counts.length > 0 ? counts.join(', ') : 'nothing of cdk-amplify-backend'}; `
        + `${count(stack.resources.length - compared.length, 'other resource')}`),
      h('thead', {}, h('tr', {}, ['Resource', 'Type', 'Drift', 'Details'].map((title) => h('th', { scope: 'col' }, title)))),
      h('tbody', {}, ordered.map((resource) => h('tr', { class: `status-${resource.status}` },
        h('th', { scope: 'row' }, resource.logicalId),
        h('td', {}, breakable(resource.type)),
        h('td', { class: 'status' }, STATUS_WORDS[resource.status]),
        h('td', {}, driftDetails(resource)))))));
  }

  /** A resource type that may wrap after each `::` (`AWS::StepFunctions::StateMachine`). @param {string} type */
  function breakable(type) {
    return type.split('::').flatMap((part, index) => (index === 0 ? [part] : [h('wbr'), `::${part}`]));
  }

  /** @param {ConsoleResource} resource */
  function driftDetails(resource) {
    const lines = [
      ...resource.reason ? [resource.reason] : [],
      ...resource.details.map((detail) => (detail.unknown !== undefined
        ? `${detail.property}: unknown (resolved at deploy time from ${detail.unknown}); live ${detail.live}`
        : `${detail.property}: declared ${detail.declared}, live ${detail.live}`)),
    ];
    if (lines.length === 0) return resource.physicalId ?? '';
    return h('ul', { class: 'details' }, lines.map((line) => h('li', {}, line)));
  }

  // ---- Requests -----------------------------------------------------------------------------------------------

  /** @param {ConsoleRequest} request */
  function requestText(request) {
    return [request.operation ?? '', request.method, request.path, request.appId ?? '', request.environment ?? '', String(request.status),
      request.errorType ?? ''].join(' ').toLowerCase();
  }

  /** @param {ConsoleDocument['requests']} requests */
  function drawRequests(requests) {
    const filter = /** @type {HTMLInputElement} */ (byId('request-filter')).value.trim().toLowerCase();
    const errorsOnly = /** @type {HTMLInputElement} */ (byId('errors-only')).checked;
    const shown = requests.items.filter((request) => (!errorsOnly || request.status >= 400) && (filter === '' || requestText(request).includes(filter)));
    byId('requests-summary').textContent = `${count(shown.length, 'request')} shown of ${requests.total}, newest first`
      + `${requests.total > requests.items.length ? ` (the newest ${requests.items.length} are kept here)` : ''}.`;
    /** @type {HTMLTableElement} */ (byId('requests-table')).tBodies[0].replaceChildren(...shown.map((request) => h('tr', { class: request.status >= 400 ? 'error' : undefined },
      h('td', {}, clockTime(request.time)),
      h('td', {}, request.operation ?? `${request.method} ${request.path}`),
      h('td', {}, request.environment === undefined ? (request.appId ?? '') : `${request.environment} (app ${request.appId})`),
      h('td', {}, `${request.status}${request.errorType ? ` ${request.errorType}` : ''}`),
      h('td', { class: 'number' }, `${request.durationMs.toFixed(1)} ms`))));
  }

  // ---- Reading ------------------------------------------------------------------------------------------------

  /** Draws the sections whose data changed; a running job's bar grows on every call. @param {ConsoleDocument} document_ */
  function draw(document_) {
    byId('where').textContent = `Region ${document_.region}, state folder ${document_.stateDir}, API endpoint ${document_.endpoint}.`;
    /** @type {[keyof typeof drawn, unknown, () => void][]} */
    const sections = [
      ['environments', document_.environments, () => drawEnvironments(document_.environments)],
      // Running jobs move on with the clock: their timeline is drawn every time.
      ['timeline', document_.jobs.items.some((job) => job.endTime === undefined) ? [document_.jobs, serverNow()] : document_.jobs,
        () => drawTimeline(document_)],
      ['stacks', document_.drift, () => drawStacks(document_.drift)],
      ['requests', document_.requests, () => drawRequests(document_.requests)],
    ];
    for (const [name, data, drawSection] of sections) {
      const text = JSON.stringify(data);
      if (drawn[name] === text) continue;
      drawn[name] = text;
      drawSection();
    }
  }

  /** @param {string} text */
  function setStatus(text) {
    const status = byId('status');
    if (status.textContent !== text) status.textContent = text;
  }

  async function poll() {
    if (!paused) {
      try {
        const response = await fetch('api/state', { cache: 'no-store', headers: etag ? { 'if-none-match': etag } : {} });
        if (response.status === 200) {
          current = /** @type {ConsoleDocument} */ (await response.json());
          clockOffset = current.now - Date.now();
          etag = response.headers.get('etag') ?? '';
          byId('updated').textContent = `Last change seen at ${clockTime(current.now)}.`;
        } else if (response.status !== 304) {
          throw new Error(`the server answered ${response.status}: ${(await response.text()).trim()}`);
        }
        setStatus('Live: updates as the world changes.');
        if (current) draw(current);
      } catch (error) {
        setStatus(`Cannot read the world (${error instanceof Error ? error.message : String(error)}); is local serve still running? Trying again.`);
      }
    }
    setTimeout(poll, POLL_MS);
  }

  function redraw() {
    drawn.timeline = '';
    drawn.requests = '';
    if (current) draw(current);
  }

  byId('pause').addEventListener('click', () => {
    paused = !paused;
    const button = byId('pause');
    button.setAttribute('aria-pressed', String(paused));
    button.textContent = paused ? 'Resume live updates' : 'Pause live updates';
    setStatus(paused ? 'Paused: what is shown stays as it is.' : 'Live: updates as the world changes.');
  });
  byId('window').addEventListener('change', redraw);
  byId('request-filter').addEventListener('input', redraw);
  byId('errors-only').addEventListener('change', redraw);
  byId('timeline').addEventListener('keydown', moveInLane);
  void poll();
})();
