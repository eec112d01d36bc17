/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * `convention serve` in a real browser: Debian's chromium driven by playwright-core, against the
 * real bin serving a temporary folder. What a user does and what they must get:
 * - a locale-ccas convention created from the list and filled in by the fields' French labels; a bad
 *   postcode shows, next to its field, the message `validate` gives for it; fixed and saved, the
 *   file is accepted by `convention validate`;
 * - an example opened, a referent changed, saved: every comment of the file is still there;
 * - annexes added in the form, one of the catalogue (joined separately), one of the convention's own
 *   (its file): each problem the server finds (not supplied, file missing) next to its element or
 *   field, as `validate` words it, and the file saved valid;
 * - the DOCX downloaded is byte for byte what `convention render` writes for the saved file;
 * - axe-core (WCAG 2.0/2.1 A and AA rules) finds no violation on the list, the form and the preview;
 * - the keyboard alone (Tab) reaches every field of the form and the save button;
 * - a request from another site (foreign Origin) or without the session's token is refused.
 *
 * Skipped when /usr/bin/chromium is missing, unless REQUIRE_CHROMIUM=1 (set by .ci/run), which
 * makes its absence a failure. UPDATE_SCREENSHOTS=1 (never under CI=true) writes the README's
 * screenshots into docs/images/.
 */
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { parse } from 'yaml';
import { inCi } from '../support/ci.js';
import { BIN, EXAMPLES, FIXTURES, ROOT, temporaryFolder } from '../support/paths.js';
import { runCli } from '../support/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const required = process.env.REQUIRE_CHROMIUM === '1';
const available = existsSync(CHROMIUM);
const screenshots = process.env.UPDATE_SCREENSHOTS === '1' && !inCi();
const SCREENSHOTS_DIR = join(ROOT, 'docs', 'images');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
if (!available && !required) console.warn('chromium absent : test de convention serve dans un navigateur ignoré. Installez le paquet chromium, ou REQUIRE_CHROMIUM=1 pour en faire un échec.');

test('chromium is there when the run requires it (REQUIRE_CHROMIUM=1)', () => {
  if (required) expect(existsSync(CHROMIUM)).toBe(true);
});

const describeBrowser = available ? describe : describe.skip;

/** The first example of a type, by name (examples/ decides which). */
function exampleOf(type: string): string {
  const file = readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .find((f) => (parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { type?: string }).type === type);
  if (!file) throw new Error(`aucun exemple de type ${type}`);
  return file;
}

/** A field by its label as the form shows it (a required field's label ends with « * »). */
function field(scope: Page | Locator, title: string): Locator {
  return scope.getByLabel(new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\*?$`));
}

interface Served {
  process: ChildProcess;
  url: string;
  origin: string;
  token: string;
}

function serve(folder: string): Promise<Served> {
  return new Promise((resolve, reject) => {
    // Run from the folder's parent, as a user would: the list names the folder as given (« conventions »).
    const child = spawn(process.execPath, [BIN, 'serve', basename(folder), '--port', '0'], {
      cwd: dirname(folder),
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`convention serve n'a pas affiché d'adresse : ${out} ${err}`)), 30_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+)\/#jeton=([A-Za-z0-9_-]+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ process: child, url: match[0], origin: match[1]!, token: match[2]! });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`convention serve s'est arrêté (${code}) : ${err}`)));
  });
}

describeBrowser('convention serve in a browser', () => {
  let folder: string;
  let served: Served;
  let browser: Browser;
  let page: Page;
  const ccas = exampleOf('locale-ccas');
  const examples = readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml'));
  const SKELETON = 'squelette.yaml';

  beforeAll(async () => {
    folder = join(temporaryFolder('convention-serve-'), 'conventions');
    mkdirSync(folder);
    for (const file of examples) copyFileSync(join(EXAMPLES, file), join(folder, file));
    // A skeleton to complete, as `convention init` writes it.
    expect(runCli(['init', 'locale-ccas', '-o', join(folder, SKELETON)]).status).toBe(0);
    served = await serve(folder);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    if (screenshots) mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    served?.process.kill('SIGTERM');
  });

  /** What the browser reported as errors: a script error, a resource refused (CSP), a failed load. */
  let consoleErrors: string[] = [];
  /** Errors a test provokes on purpose (a refused save, a refused cross-site request). */
  let expectedErrors: RegExp[] = [];
  const watch = (target: Page) => {
    target.on('pageerror', (error) => consoleErrors.push(error.message));
    target.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  };

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true, locale: 'fr-FR' });
    context.on('page', watch);
    consoleErrors = [];
    expectedErrors = [];
    page = await context.newPage();
  });

  afterEach(async () => {
    await page?.context().close();
    // No script error, nothing refused by the Content-Security-Policy, nothing missing.
    expect(consoleErrors.filter((error) => !expectedErrors.some((expected) => expected.test(error)))).toEqual([]);
  });

  /** The list, opened by the address the server printed (its token in the fragment). */
  async function openList(): Promise<void> {
    await page.goto(served.url);
    await page.getByRole('heading', { name: /^Conventions du dossier/ }).waitFor();
  }

  async function openFile(fichier: string): Promise<void> {
    await openList();
    await page.getByRole('link', { name: fichier, exact: true }).click();
    await page.locator('#formulaire').waitFor();
  }

  /** Waits until the checks of the data as it is came back (the status line says what they found). */
  async function checked(): Promise<void> {
    await page.waitForFunction(() => /erreur|avertissement|valide/.test(document.querySelector('.statut')?.textContent ?? ''));
    await page.waitForLoadState('networkidle');
  }

  /** Does `action` and waits for the server's checks of the data it changed, and their display. */
  async function changing(action: () => Promise<void>): Promise<void> {
    const response = page.waitForResponse((r) => r.url().endsWith('/api/verifier'));
    await action();
    await response;
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }

  async function save(): Promise<void> {
    const response = page.waitForResponse((r) => r.url().endsWith('/api/enregistrer'));
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    expect((await response).status()).toBe(200);
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
  }

  async function expectNoAxeViolation(include?: string): Promise<void> {
    let builder = new AxeBuilder({ page }).withTags(AXE_TAGS);
    if (include) builder = builder.include(include);
    const { violations } = await builder.analyze();
    expect(violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }

  test('the list shows each convention with its state; axe finds no violation', async () => {
    await openList();
    const state = (file: string) => page.getByRole('row').filter({ has: page.getByRole('link', { name: file, exact: true }) }).locator('.etat');
    for (const file of examples) await expect(state(file).innerText()).resolves.toBe('valide');
    await expect(state(SKELETON).innerText()).resolves.toBe('à compléter');
    await expect(page.getByRole('row').count()).resolves.toBe(examples.length + 2); // and the header row
    // The token has left the address bar; the tab keeps it (a reload still reaches the API).
    expect(page.url()).not.toContain(served.token);
    await page.reload();
    await page.getByRole('heading', { name: /^Conventions du dossier/ }).waitFor();
    if (screenshots) await page.screenshot({ path: join(SCREENSHOTS_DIR, 'serve-liste.png') });
    await expectNoAxeViolation();
  });

  test('a new locale-ccas convention filled in by the labels: a bad postcode shown next to its field, fixed, saved, valid for `validate`', async () => {
    const fichier = 'ccas-nouveau.yaml';
    await openList();
    await page.getByRole('button', { name: 'Nouvelle convention' }).click();
    const types = (await (await fetch(`${served.origin}/api/types`, { headers: { 'X-Convention-Jeton': served.token } })).json()) as {
      types: { id: string; titre: string; modeles: { id: string; titre: string }[] }[];
    };
    const type = types.types.find((t) => t.id === 'locale-ccas')!;
    await field(page, 'Type de convention').selectOption({ label: type.titre });
    await field(page, 'Modèle de rédaction').selectOption({ label: type.modeles.find((m) => m.id === 'departemental')!.titre });
    await field(page, 'Nom du fichier').fill(fichier);
    await page.getByRole('button', { name: 'Créer la convention' }).click();
    await page.locator('#formulaire').waitFor();
    await checked();

    const parties = page.locator('#root_parties');
    const party = (index: number) => parties.locator(`#root_parties_${index}`);
    // The first party from a stock party (a preset), its variable typed in.
    const cpam = types.types.find((t) => t.id === 'locale-ccas') as unknown as {
      presets: { id: string; titre: string; variables?: Record<string, { titre?: string }>; partie: { nom: string; nom_court: string } }[];
    };
    const preset = cpam.presets.find((p) => p.id === 'cpam')!;
    const presetGroup = page.getByRole('group', { name: 'Remplir avec un organisme type' }).first();
    await presetGroup.getByLabel('Organisme type').selectOption({ label: preset.titre });
    const filled = (text: string) => Object.keys(preset.variables ?? {}).reduce((t, name) => t.replaceAll(`{${name}}`, 'de la Loire'), text);
    for (const variable of Object.values(preset.variables ?? {})) await presetGroup.getByLabel(variable.titre!).fill('de la Loire');
    await presetGroup.getByRole('button', { name: 'Remplir la partie' }).click();
    await expect(field(party(0), 'Nom complet').inputValue()).resolves.toBe(filled(preset.partie.nom));
    await expect(field(party(0), 'Nom court').inputValue()).resolves.toBe(filled(preset.partie.nom_court));
    const people = ['Martine', 'Claude'];
    for (const index of [0, 1]) {
      const p = party(index);
      if (index === 1) {
        for (const title of ['Nom complet', 'Nom court']) {
          const input = field(p, title).first();
          await input.fill((await input.inputValue()).replace('À COMPLÉTER', 'de Montbrison'));
        }
      }
      const address = p.locator(`#root_parties_${index}_adresse`);
      await field(address, 'Numéro et voie').fill('1 rue de la Préfecture');
      await field(address, 'Code postal').fill('42000');
      await field(address, 'Commune').fill('Saint-Étienne');
      const representative = p.locator(`#root_parties_${index}_representant`);
      await field(representative, 'Civilité').selectOption('Madame');
      await field(representative, 'Prénom').fill(people[index]!);
      await field(representative, 'Nom de famille').fill('Durand');
      await field(representative, 'Fonction').fill('Directrice');
    }
    for (const index of [0, 1]) await field(page.locator(`#root_referents_${index}`), 'Fonction du référent').fill('Responsable des partenariats');
    await field(page, 'Régimes RGPD').selectOption('responsables-distincts');
    await field(page, 'Durée en années').fill('3');
    await field(page, 'Renouvellement').selectOption('tacite');
    await field(page, 'Lieu de signature').fill('Saint-Étienne');
    await field(page.locator('#root_signature'), 'Date').fill('2026-01-15');

    // A bad postcode: the message validate gives for it, next to the field, tied to it.
    const postcode = field(party(0).locator('#root_parties_0_adresse'), 'Code postal');
    await changing(() => postcode.fill('4200'));
    const message = page.locator('#root_parties_0_adresse_code_postal__error');
    await message.waitFor();
    await expect(postcode.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(postcode.getAttribute('aria-describedby')).resolves.toContain('root_parties_0_adresse_code_postal__error');
    const shown = (await message.innerText()).trim();
    // The summary at the top names the field and leads to it.
    const summary = page.getByRole('region', { name: /^À corriger/ });
    const link = summary.getByRole('link', { name: new RegExp(`Code postal : ${shown.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
    await page.evaluate(() => window.scrollTo(0, 0));
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('root_parties_0_adresse_code_postal');
    if (screenshots) {
      await postcode.evaluate((element) => element.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(SCREENSHOTS_DIR, 'serve-formulaire-erreur.png') });
    }
    await save();
    const bad = runCli(['validate', '--format', 'json', join(folder, fichier)]);
    expect(bad.status).toBe(1);
    const expected = (JSON.parse(bad.stdout) as { path: string; message: string }[]).filter((p) => p.path === '/parties/0/adresse/code_postal');
    expect(expected.map((p) => p.message)).toEqual([shown]);

    await changing(() => postcode.fill('42000'));
    await expect(message.count()).resolves.toBe(0);
    await expect(postcode.getAttribute('aria-invalid')).resolves.toBeNull();
    await save();
    const good = runCli(['validate', join(folder, fichier)]);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
  });

  test('an example: a referent changed and saved keeps every comment; the DOCX downloaded is what render writes; axe finds no violation on the form and the preview', async () => {
    const before = readFileSync(join(folder, ccas), 'utf8');
    const comments = before.split('\n').filter((line) => /^\s*#/.test(line));
    expect(comments.length).toBeGreaterThan(0);
    await openFile(ccas);
    await checked();
    await page.locator('.apercu').waitFor();
    await expectNoAxeViolation('.colonne-formulaire');
    await expectNoAxeViolation('.colonne-apercu');
    await expectNoAxeViolation();
    if (screenshots) await page.screenshot({ path: join(SCREENSHOTS_DIR, 'serve-apercu.png') });

    const referent = page.locator('#root_referents_0');
    await changing(() => field(referent, 'Nom de famille').fill('Nouvelle-Référente'));
    // The preview follows the change.
    await page.locator('.apercu').getByText('Nouvelle-Référente', { exact: false }).first().waitFor();
    await save();
    const after = readFileSync(join(folder, ccas), 'utf8');
    expect(after).toContain('Nouvelle-Référente');
    const kept = after.split('\n').filter((line) => /^\s*#/.test(line));
    expect(kept).toEqual(comments);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le DOCX' }).click();
    const downloaded = await (await download).path();
    const rendered = join(temporaryFolder('convention-serve-render-'), 'rendu.docx');
    const render = runCli(['render', join(folder, ccas), '-o', rendered]);
    expect(render.status).toBe(0);
    expect(readFileSync(downloaded).equals(readFileSync(rendered))).toBe(true);
  });

  test('annexes added in the form: by the catalogue (joined separately) and by a title and a file; each problem next to its field, as validate words it; saved valid', async () => {
    const fichier = 'ccas-annexes.yaml';
    copyFileSync(join(EXAMPLES, ccas), join(folder, fichier));
    const annexesBefore = (parse(readFileSync(join(folder, fichier), 'utf8')) as { annexes?: unknown[] }).annexes ?? [];
    await openFile(fichier);
    await checked();
    const first = annexesBefore.length;
    const second = first + 1;
    const element = (index: number) => page.locator(`#root_annexes_${index}`);
    const add = () => page.locator('#root_annexes').getByRole('button', { name: 'Ajouter', exact: true }).last().click();
    /** The messages validate gives for the saved file at `path`. */
    const validated = async (path: string) => {
      await save();
      const run = runCli(['validate', '--format', 'json', join(folder, fichier)]);
      return (JSON.parse(run.stdout) as { path: string; message: string }[]).filter((p) => p.path === path).map((p) => p.message);
    };

    // An annex of the catalogue, neither supplied nor joined: the server's problem on its element.
    await changing(add);
    const id = field(element(first), "Identifiant de l'annexe");
    await changing(async () => void (await id.selectOption({ index: 1 })));
    const chosen = (await id.locator('option:checked').innerText()).trim();
    const notSupplied = page.locator(`#root_annexes_${first}__error`);
    await notSupplied.waitFor();
    const notSuppliedText = (await notSupplied.innerText()).trim();
    await expect(validated(`/annexes/${first}`)).resolves.toEqual([notSuppliedText]);
    await changing(() => field(element(first), 'Jointe séparément').check());
    await expect(notSupplied.count()).resolves.toBe(0);

    // An annex of the convention's own, by its title and a file not there yet: the problem on « fichier ».
    await changing(add);
    await changing(() => field(element(second), "Intitulé de l'annexe").fill('Plan d’actions local'));
    const file = field(element(second), "Fichier de l'annexe");
    await changing(() => file.fill('annexes/plan-actions.pdf'));
    const missing = page.locator(`#root_annexes_${second}_fichier__error`);
    await missing.waitFor();
    await expect(file.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(file.getAttribute('aria-describedby')).resolves.toContain(`root_annexes_${second}_fichier__error`);
    await expect(validated(`/annexes/${second}/fichier`)).resolves.toEqual([(await missing.innerText()).trim()]);

    // The file put in place, the title changed: no problem left, the annex in the preview, the file valid.
    mkdirSync(join(folder, 'annexes'), { recursive: true });
    copyFileSync(join(FIXTURES, 'valid', 'annexes', 'formulaire-detection.pdf'), join(folder, 'annexes', 'plan-actions.pdf'));
    await changing(() => field(element(second), "Intitulé de l'annexe").fill('Plan d’actions local 2026'));
    await expect(missing.count()).resolves.toBe(0);
    await page.locator('.apercu').getByText('Plan d’actions local 2026', { exact: false }).first().waitFor();
    await save();
    const saved = parse(readFileSync(join(folder, fichier), 'utf8')) as { annexes: unknown[] };
    expect(saved.annexes).toEqual([
      ...annexesBefore,
      { id: chosen, joint_separement: true },
      { titre: 'Plan d’actions local 2026', fichier: 'annexes/plan-actions.pdf' },
    ]);
    const good = runCli(['validate', join(folder, fichier)]);
    expect(good.stderr).toBe('');
    expect(good.status).toBe(0);
  });

  test('every example opens in its form, valid, with its preview, and the form as generated keeps its data', async () => {
    for (const file of examples) {
      await openFile(file);
      await checked();
      await page.locator('.apercu').waitFor();
      await expect(page.locator('.statut').innerText()).resolves.toContain('la convention est valide');
      // The data the form holds is the file's: nothing added, nothing dropped by the form's generation.
      const before = (await (await fetch(`${served.origin}/api/convention?fichier=${encodeURIComponent(file)}`, { headers: { 'X-Convention-Jeton': served.token } })).json()) as { donnees: unknown };
      const sent = page.waitForRequest((r) => r.url().endsWith('/api/verifier'));
      // A change and its undoing: the form sends its whole data.
      const input = page.locator('#formulaire input[type=text]').first();
      const value = await input.inputValue();
      await input.fill(`${value}x`);
      await input.fill(value);
      const body = (await sent).postDataJSON() as { donnees: unknown };
      expect(body.donnees).toEqual(before.donnees);
    }
  });

  test('the keyboard alone reaches every field of the form and the save button', async () => {
    // On a page load, the first stop is the skip link, which takes the focus to the content.
    await openList();
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Aller au contenu');
    await page.keyboard.press('Enter');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('contenu');
    await page.getByRole('link', { name: ccas, exact: true }).click();
    await page.locator('#formulaire').waitFor();
    await checked();
    const fields = await page.$$eval('#formulaire input:not([type=hidden]), #formulaire select, #formulaire textarea', (elements) =>
      elements.filter((e) => (e as HTMLElement).offsetParent !== null).map((e) => e.id),
    );
    expect(fields.length).toBeGreaterThan(0);
    const reached = new Set<string>();
    let saveReached = false;
    await page.locator('body').focus();
    // Every focusable element once, and some more: the walk ends when the focus comes back.
    const limit = (await page.$$eval('a[href], button, input, select, textarea', (all) => all.length)) * 2;
    let first: string | null = null;
    for (let i = 0; i < limit; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        if (!element) return { key: '', id: '', text: '' };
        return { key: `${element.tagName}#${element.id}:${element.textContent?.slice(0, 30)}:${[...(element.parentElement?.children ?? [])].indexOf(element)}`, id: element.id, text: element.textContent ?? '' };
      });
      if (focused.id) reached.add(focused.id);
      if (focused.text === 'Enregistrer') saveReached = true;
      if (first === null) first = focused.key;
      else if (focused.key === first) break;
    }
    expect(fields.filter((id) => !reached.has(id))).toEqual([]);
    expect(saveReached).toBe(true);
  });

  test('unsaved changes: a warning before leaving, kept as a draft when the tab is closed, offered back when the file is reopened', async () => {
    await openFile(ccas);
    await checked();
    const name = field(page.locator('#root_referents_0'), 'Nom de famille');
    await changing(() => name.fill('Brouillon-Gardé'));
    // Closing the tab asks first (the browser's own « leave the page? »).
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const asked = await dialog;
    expect(asked.type()).toBe('beforeunload');
    await asked.accept();
    // The tab is gone; the file on disk is unchanged; the draft is offered in a new tab.
    expect(readFileSync(join(folder, ccas), 'utf8')).not.toContain('Brouillon-Gardé');
    page = await page.context().newPage();
    await openFile(ccas);
    await page.getByRole('heading', { name: 'Brouillon non enregistré' }).waitFor();
    await changing(() => page.getByRole('button', { name: 'Reprendre le brouillon' }).click());
    await expect(field(page.locator('#root_referents_0'), 'Nom de famille').inputValue()).resolves.toBe('Brouillon-Gardé');
    await save();
    expect(readFileSync(join(folder, ccas), 'utf8')).toContain('Brouillon-Gardé');
    // Saved: no draft left to offer.
    await openFile(ccas);
    await checked();
    await expect(page.getByRole('heading', { name: 'Brouillon non enregistré' }).count()).resolves.toBe(0);
  });

  test('a file changed on disk since it was opened is not overwritten silently: the user reloads or overwrites', async () => {
    expectedErrors = [/status of 409/];
    await openFile(ccas);
    await checked();
    await changing(() => field(page.locator('#root_referents_0'), 'Nom de famille').fill('Depuis-Le-Formulaire'));
    const path = join(folder, ccas);
    writeFileSync(path, readFileSync(path, 'utf8') + '# Ligne ajoutée par un autre éditeur\n');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Le fichier a changé sur le disque' });
    await dialog.waitFor();
    expect(readFileSync(path, 'utf8')).not.toContain('Depuis-Le-Formulaire');
    // Reloading shows the file as it is on disk (the changes stay offered as a draft).
    await dialog.getByRole('button', { name: 'Recharger depuis le disque' }).click();
    await page.getByRole('heading', { name: 'Brouillon non enregistré' }).waitFor();
    await expect(field(page.locator('#root_referents_0'), 'Nom de famille').inputValue()).resolves.not.toBe('Depuis-Le-Formulaire');
    await changing(() => page.getByRole('button', { name: 'Reprendre le brouillon' }).click());
    // Changed on disk again, and this time overwritten by choice.
    writeFileSync(path, readFileSync(path, 'utf8') + '# Encore une ligne\n');
    await page.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await dialog.waitFor();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/enregistrer') && r.status() === 200);
    await dialog.getByRole('button', { name: 'Écraser' }).click();
    await saved;
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('Depuis-Le-Formulaire');
    expect(text).toContain('# Encore une ligne');
  });

  test('a request from another site (foreign Origin) or without the token is refused', async () => {
    const noToken = await fetch(`${served.origin}/api/conventions`);
    expect(noToken.status).toBe(401);
    const wrongToken = await fetch(`${served.origin}/api/conventions`, { headers: { 'X-Convention-Jeton': 'x'.repeat(43) } });
    expect(wrongToken.status).toBe(401);
    const foreign = await fetch(`${served.origin}/api/verifier`, {
      method: 'POST',
      headers: { 'X-Convention-Jeton': served.token, 'Content-Type': 'application/json', Origin: 'http://attaquant.example' },
      body: JSON.stringify({ donnees: { type: 'locale-ccas' } }),
    });
    expect(foreign.status).toBe(403);
    const same = await fetch(`${served.origin}/api/verifier`, {
      method: 'POST',
      headers: { 'X-Convention-Jeton': served.token, 'Content-Type': 'application/json', Origin: served.origin },
      body: JSON.stringify({ donnees: { type: 'locale-ccas' } }),
    });
    expect(same.status).toBe(200);
    // From a page of another site, in the browser: refused too.
    expectedErrors = [/CORS|ERR_FAILED/];
    await page.goto('about:blank');
    const status = await page.evaluate(async ({ origin, token }) => {
      try {
        const response = await fetch(`${origin}/api/conventions`, { headers: { 'X-Convention-Jeton': token } });
        return response.status;
      } catch {
        return 'refusé';
      }
    }, { origin: served.origin, token: served.token });
    expect(status).not.toBe(200);
  });
});
