#!/usr/bin/env node
// The console's browser story: log in, add an EC2 instance from the picker, scan it, change a
// task, enable the SBOM export and download the CloudFormation template, trigger the bulk SBOM
// scan, find it in the scan history, switch to Japanese. Each step takes a screenshot and runs
// axe-core on the page (serious or critical violations fail the story).
//
// Environment:
//   KENSA_E2E_URL       the console, e.g. http://127.0.0.1:8080 (required)
//   KENSA_E2E_USER      login name (required)
//   KENSA_E2E_PASSWORD  password (required)
//   KENSA_E2E_SHOTS     directory for the PNG screenshots (default: ./e2e-shots)
//   KENSA_E2E_CHROMIUM  the browser (default: /usr/bin/chromium)
//   KENSA_E2E_STEPS     optional comma-separated step ids to run, e.g. 1b,2,3 (default: all; 1, the
//                       login, always runs)
//   KENSA_E2E_SBOM_BUCKET  the export bucket to enter (default: the console's suggestion)
//   KENSA_E2E_ALLOW_SBOM_RATE_LIMIT=1  accept a 429 of the bulk SBOM scan (one ran within the hour)
// Exit code 0 when every step passed; 1 with "story step N (...) failed: ..." otherwise; 2 on usage.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const env = process.env;
const baseUrl = (env.KENSA_E2E_URL ?? '').replace(/\/$/, '');
const user = env.KENSA_E2E_USER ?? '';
const password = env.KENSA_E2E_PASSWORD ?? '';
const shots = path.resolve(env.KENSA_E2E_SHOTS ?? 'e2e-shots');
const only = env.KENSA_E2E_STEPS ? new Set(env.KENSA_E2E_STEPS.split(',').map((x) => x.trim())) : null;
if (!baseUrl || !user || !password) {
  console.error('usage: KENSA_E2E_URL=... KENSA_E2E_USER=... KENSA_E2E_PASSWORD=... [KENSA_E2E_SHOTS=dir] node e2e/story.mjs');
  process.exit(2);
}
fs.mkdirSync(shots, { recursive: true });

const SCAN_TIMEOUT = 180_000;
const SBOM_TIMEOUT = 600_000;

class StoryError extends Error {}
const fail = (message) => { throw new StoryError(message); };

/** axe-core on the current page; serious and critical violations fail the step. */
async function checkAccessibility(page, where) {
  // Evaluated through the DevTools protocol, not as a <script>: the console's CSP (script-src
  // 'self') stays enforced for the page itself.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} [${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}]`);
  });
  if (violations.length) fail(`accessibility violations on ${where}:\n  ${violations.join('\n  ')}`);
}

async function snapshot(page, name) {
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

/** Waits for the page heading (h1) to match. */
async function expectHeading(page, text, timeout = 15_000) {
  await page.getByRole('heading', { level: 1, name: text }).waitFor({ timeout });
}

async function gotoNav(page, name) {
  await page.getByRole('navigation', { name: /Group|グループ/ }).getByRole('link', { name, exact: true }).click();
}

/** The first visible alert's text, if any (problem+json detail). */
async function alertText(page) {
  const alert = page.getByRole('alert').first();
  return (await alert.count()) ? (await alert.innerText()).trim() : '';
}

const state = {};

const steps = [
  ['log in', async (page) => {
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel('User name').fill(user);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expectHeading(page, 'Dashboard').catch(async () => fail(`no dashboard after login: ${await alertText(page) || page.url()}`));
    state.group = page.url().match(/\/groups\/(\d+)\//)?.[1] ?? fail(`no group in ${page.url()}`);
  }],
  ['see the dashboard', async (page) => {
    await gotoNav(page, 'Dashboard');
    for (const chart of ['chart-severity', 'chart-priority', 'chart-trend']) {
      await page.getByTestId(chart).waitFor({ timeout: 15_000 }).catch(async () => fail(`the dashboard has no ${chart}: ${await alertText(page)}`));
    }
  }],
  ['add an EC2 instance from the picker', async (page) => {
    await gotoNav(page, 'Servers');
    await expectHeading(page, 'Servers');
    await page.getByRole('link', { name: 'Add server' }).click();
    await expectHeading(page, 'Add server');
    const table = page.getByTestId('ec2-candidates');
    await table.waitFor({ timeout: 30_000 }).catch(async () => fail(`no EC2 candidates: ${await alertText(page)}`));
    const free = table.locator('tbody input[type=checkbox]:not([disabled])');
    if ((await free.count()) === 0) fail('every EC2 candidate is already registered: the story needs one unregistered instance');
    const label = await free.first().getAttribute('aria-label');
    state.instance = label?.replace(/^Select /, '');
    await free.first().check();
    await snapshot(page, '02a-ec2-picker');
    await page.getByRole('button', { name: /^Register selected/ }).click();
    await expectHeading(page, /^Server detail/, 20_000).catch(async () => fail(`registration failed: ${await alertText(page)}`));
    if (state.instance) await page.getByText(state.instance, { exact: true }).first().waitFor({ timeout: 15_000 }).catch(() => fail(`the server page does not show ${state.instance}`));
    state.serverUrl = page.url();
  }],
  ['run a manual scan and wait for it', async (page) => {
    if (state.serverUrl) await page.goto(state.serverUrl);
    else fail('no server from step 2');
    await expectHeading(page, /^Server detail/);
    const button = page.getByTestId('manual-scan');
    if (await button.isDisabled()) fail(`manual scan is disabled: ${await page.getByTestId('manual-scan-reason').innerText().catch(() => '?')}`);
    await button.click();
    const result = page.getByTestId('scan-result');
    await result.waitFor({ timeout: SCAN_TIMEOUT }).catch(async () => fail(`the scan did not finish in ${SCAN_TIMEOUT / 1000}s: ${await alertText(page)}`));
    const text = await result.innerText();
    if (/Failed/.test(text)) fail(`the scan failed: ${text}`);
    await page.getByTestId('tasks-table').first().waitFor();
  }],
  ['change a task status and assignee', async (page) => {
    await gotoNav(page, 'Tasks');
    await expectHeading(page, 'Tasks');
    const first = page.getByTestId('tasks-table').locator('tbody a[href*="/tasks/"]').first();
    await first.waitFor({ timeout: 15_000 }).catch(() => fail('the task list is empty'));
    await first.click();
    await expectHeading(page, /^Task #/);
    const form = page.getByTestId('task-edit');
    const current = await form.getByLabel('Status').inputValue();
    const next = current === 'INVESTIGATING' ? 'ONGOING' : 'INVESTIGATING';
    await form.getByLabel('Status').selectOption(next);
    await form.getByLabel('Main assignee').fill('e2e-story');
    await form.getByRole('button', { name: 'Save' }).click();
    await form.getByText('Saved.').waitFor({ timeout: 15_000 }).catch(async () => fail(`the task was not saved: ${await alertText(page)}`));
    await page.locator('.facts').getByText(next, { exact: true }).waitFor({ timeout: 10_000 }).catch(() => fail(`the task does not show ${next} after saving`));
    if ((await form.getByLabel('Main assignee').inputValue()) !== 'e2e-story') fail('the assignee did not stick');
  }],
  ['enable the SBOM export and download the CloudFormation template', async (page) => {
    await gotoNav(page, 'External integration > AWS');
    await expectHeading(page, 'External integration > AWS');
    const form = page.getByTestId('sbom-form');
    await form.waitFor();
    // The bucket the stack would create; against the emulator, one its fleet already has.
    if (env.KENSA_E2E_SBOM_BUCKET) await form.getByLabel('S3 bucket name').fill(env.KENSA_E2E_SBOM_BUCKET);
    const kms = form.getByLabel('KMS key ARN');
    if (!(await kms.inputValue())) await kms.fill('arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    await form.getByLabel('Enable the Inspector SBOM export').check();
    await form.getByRole('button', { name: 'Save SBOM export settings' }).click();
    await form.getByText('Saved. The SBOM export is enabled.').waitFor({ timeout: 15_000 }).catch(async () => fail(`the SBOM export was not enabled: ${await alertText(page)}`));
    for (const [button, needle] of [['Download YAML', 'S3BucketName'], ['Download JSON', '"S3BucketName"']]) {
      const [download] = await Promise.all([page.waitForEvent('download', { timeout: 15_000 }), page.getByRole('button', { name: button }).click()]);
      const file = path.join(shots, download.suggestedFilename());
      await download.saveAs(file);
      const body = fs.readFileSync(file, 'utf8');
      if (!body.includes(needle) || !body.includes('KmsKeyArn')) fail(`${button}: the template lacks its parameters (${body.slice(0, 80)}...)`);
    }
  }],
  ['trigger the INSPECTOR SBOM bulk scan', async (page) => {
    await gotoNav(page, 'Group');
    await expectHeading(page, 'Group settings > Group');
    const button = page.getByTestId('sbom-bulk-scan');
    await button.waitFor();
    await page.getByTestId('next-sbom-scan').waitFor();
    if (await button.isDisabled()) fail('the bulk SBOM scan button is disabled (SBOM export not enabled, or a scan is running)');
    await button.click();
    const finished = page.getByText(/^The SBOM scan finished/);
    const refused = page.getByRole('alert');
    await Promise.race([finished.waitFor({ timeout: SBOM_TIMEOUT }), refused.first().waitFor({ timeout: SBOM_TIMEOUT })]).catch(() => fail(`the SBOM scan did not finish in ${SBOM_TIMEOUT / 1000}s`));
    if (await refused.count()) {
      const text = await alertText(page);
      if (/Too Many Requests|429|hour/i.test(text) && env.KENSA_E2E_ALLOW_SBOM_RATE_LIMIT === '1') {
        console.log(`  note: bulk SBOM scan refused by the hourly limit (${text}); accepted by KENSA_E2E_ALLOW_SBOM_RATE_LIMIT`);
        state.sbomRateLimited = true;
        return;
      }
      fail(`the bulk SBOM scan was refused: ${text}`);
    }
    const text = await finished.innerText();
    if (/Failed/.test(text)) fail(`the SBOM scan failed: ${text}`);
  }],
  ['see the SBOM scan in scan history', async (page) => {
    await gotoNav(page, 'Scan history');
    await expectHeading(page, 'Scan history');
    await page.getByLabel('Scan type').selectOption('sbom');
    const types = page.getByTestId('scan-runs').getByTestId('scan-type');
    await types.first().waitFor({ timeout: 15_000 }).catch(() => fail('no SBOM scan in the scan history'));
    const all = await types.allInnerTexts();
    if (all.some((t) => t !== 'SBOM scan')) fail(`the type filter shows other scans: ${all.join(', ')}`);
  }],
  ['switch to Japanese', async (page) => {
    await page.getByLabel('Language').selectOption('ja');
    await expectHeading(page, 'スキャン履歴').catch(() => fail('the scan history heading is not in Japanese'));
    await page.getByRole('link', { name: '外部連携 > AWS連携' }).waitFor({ timeout: 5_000 }).catch(() => fail('the navigation is not in Japanese'));
    if ((await page.locator('html').getAttribute('lang')) !== 'ja') fail('<html lang> is not ja');
    await page.reload();
    await expectHeading(page, 'スキャン履歴').catch(() => fail('the language did not persist across a reload'));
  }],
  ['every page of the console passes axe-core (in Japanese)', async (page) => {
    const group = Number(new URL(page.url()).pathname.split('/')[2]);
    if (!group) fail(`no group in the URL ${page.url()}`);
    const ids = await page.evaluate(async (g) => {
      const get = async (path) => (await fetch(path, { credentials: 'same-origin' })).json();
      const servers = (await get(`/api/v1/groups/${g}/servers`)).servers;
      const tasks = (await get(`/api/v1/groups/${g}/tasks?limit=1`)).tasks;
      return { server: servers[0]?.id, task: tasks[0]?.id, vuln: tasks[0]?.vulnerability_id };
    }, group);
    const pages = [
      'dashboard', 'servers', 'servers/new', `servers/${ids.server}`, 'tasks', `tasks/${ids.task}`,
      `vulnerabilities/${encodeURIComponent(ids.vuln)}`, 'software', 'eol', 'licenses', 'supply-chain', 'settings/aws', 'settings/group',
      'settings/scan-history', 'settings/members', 'settings/audit',
    ].map((p) => `/groups/${group}/${p}`).concat(['/tokens', '/users']);
    for (const route of pages) {
      await page.goto(baseUrl + route);
      await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 })
        .catch(() => fail(`${route} shows no heading`));
      await page.waitForLoadState('networkidle').catch(() => {});
      if (await page.getByRole('alert').count()) fail(`${route} shows an error: ${await alertText(page)}`);
      await snapshot(page, `page${route.replace(/[^a-z0-9]+/gi, '-')}`);
      await checkAccessibility(page, route);
    }
  }],
];

async function main() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kensa-e2e-'));
  // A fresh profile each run (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: env.KENSA_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
    locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  let failed = false;
  try {
    for (const [i, [name, run]] of steps.entries()) {
      // 1 and 1b (the dashboard after the login), then 2..8 as in the story.
      const n = i === 0 ? '1' : i === 1 ? '1b' : String(i);
      if (only && n !== '1' && !only.has(n)) continue;
      const tag = `${n.padStart(2, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`;
      try {
        await run(page);
        await page.waitForLoadState('networkidle').catch(() => {});
        await snapshot(page, tag);
        await checkAccessibility(page, `step ${n} (${name})`);
        if (pageErrors.length) fail(`JavaScript errors: ${pageErrors.splice(0).join('; ')}`);
        console.log(`ok ${n} - ${name}`);
      } catch (err) {
        failed = true;
        await snapshot(page, `${tag}-FAILED`).catch(() => {});
        console.error(`story step ${n} (${name}) failed: ${err instanceof StoryError ? err.message : err.stack ?? err}`);
        break;
      }
    }
  } finally {
    await context.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  console.log(failed ? `story FAILED; screenshots in ${shots}` : `story passed; screenshots in ${shots}`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(`story could not run: ${err.stack ?? err}`);
  process.exit(1);
});
