// An applicant finds an open call, applies, fills the form (which saves as
// they type), submits with a mistake, fixes it, gets a reference and a
// receipt by e-mail, and withdraws. A second test edits one application in
// two tabs and keeps both texts until the person chooses. The organisation,
// programme, intake and call are set up through the HTTP API beforehand.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, text } from './fixtures';
import { ORG_NAME, openCall } from './calls-setup';
import { mailsTo, waitForMail } from './mail';
import { person, registerConfirmed, signIn } from './people';

const LABELS = {
  motivation: 'Niyə Diplomatiya Könüllüləri proqramına qoşulmaq istəyirsiniz?',
  years: 'Neçə il könüllü iş təcrübəniz var?',
  degree: 'Ali təhsiliniz varmı?',
  university: 'Hansı universiteti bitirmisiniz?',
  consent: 'Şəxsi məlumatlarımın müraciətə baxılması üçün işlənməsinə razıyam',
};

/** The call's form: a small one with a conditional question. */
const FIELDS = [
  {
    key: 'motivation',
    type: 'long_text',
    label: { az: LABELS.motivation, en: 'Why do you want to join Diplomacy Volunteers?' },
    help: { az: 'Qısa yazın: ən çoxu 50 söz.' },
    required: true,
    max_words: 50,
  },
  {
    key: 'volunteer_years',
    type: 'number',
    label: { az: LABELS.years, en: 'How many years of volunteering do you have?' },
    required: true,
    min: 0,
    max: 50,
    integer: true,
  },
  {
    key: 'has_degree',
    type: 'single_choice',
    label: { az: LABELS.degree, en: 'Do you have a university degree?' },
    required: true,
    options: [
      { value: 'yes', label: { az: 'Bəli', en: 'Yes' } },
      { value: 'no', label: { az: 'Xeyr', en: 'No' } },
    ],
  },
  {
    key: 'university_name',
    type: 'short_text',
    label: { az: LABELS.university, en: 'Which university did you graduate from?' },
    required: true,
    max_chars: 200,
    visible_if: { field: 'has_degree', equals: 'yes' },
  },
  {
    key: 'languages',
    type: 'languages',
    label: { az: 'Bildiyiniz xarici dillər', en: 'Foreign languages you know' },
  },
  {
    key: 'consent',
    type: 'consent',
    label: { az: LABELS.consent, en: 'I agree to my personal data being processed to consider the application' },
    required: true,
  },
];

/** One rule that does not knock out: at least a year of volunteering. */
const RULES = [{ id: 'experience', kind: 'answer', field: 'volunteer_years', op: 'ge', value: 1, knock_out: false }];

/** Markdown with a script and a javascript: link, which the page must not run. */
const DESCRIPTION = {
  az: 'Nazirliyin **altı aylıq** təcrübə proqramı.\n\n<script>window.injected = true</script>\n\n[Ətraflı](javascript:alert(1)) · [Sayt](https://mfa.gov.az)',
  en: 'A **six-month** internship programme of the ministry.',
};

async function axe(page: Page, where: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary, `axe on ${where}`).toEqual([]);
}

/** Waits until autosave says the answers are stored. */
async function saved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveText(new RegExp(`^${text('az', 'application.saved_at', { time: '\\d\\d:\\d\\d' })}$`), {
    timeout: 10_000,
  });
}

test.describe('applying to a call', () => {
  // Refused requests the tests provoke on purpose: submitting with a missing answer (422).
  test.use({ allowedConsoleErrors: [/status of 422/] });

  test('an applicant finds a call, fills the form, submits after a fix, gets a reference, and withdraws', async ({ page, request }) => {
    test.setTimeout(120_000);
    const call = await openCall(request, FIELDS, RULES, DESCRIPTION);
    const who = person('applicant', { name: 'Leyla Quliyeva' });
    await registerConfirmed(page, who);

    // Anyone can read the list and the call, with the deadline in the call's zone.
    await page.goto('/calls');
    const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: call.title }) });
    await expect(item).toContainText(ORG_NAME);
    await expect(item).toContainText('Diplomatiya Könüllüləri (2027)');
    await expect(item).toContainText('(Asia/Baku, UTC+04:00)');
    await axe(page, '/calls');
    await page.getByRole('navigation', { name: text('az', 'calls.filter_label') }).getByRole('link', { name: text('az', 'calls.tab_upcoming') }).click();
    await expect(page).toHaveURL('/calls?state=upcoming');
    await expect(page.getByRole('link', { name: call.title })).toHaveCount(0);
    await page.getByRole('link', { name: text('az', 'calls.tab_open'), exact: true }).click();

    await page.getByRole('link', { name: call.title }).click();
    await expect(page).toHaveURL(`/call?id=${call.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(call.title);
    const about = page.getByRole('region', { name: text('az', 'calls.about') });
    await expect(about.locator('strong')).toHaveText('altı aylıq');
    await expect(about.locator('script')).toHaveCount(0);
    await expect(about.locator('a[href^="javascript"]')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
    await expect(page.getByText('Asia/Baku, UTC+04:00').first()).toBeVisible();
    await axe(page, '/call');

    // Signed out, "Apply" goes to sign in and comes back to carry on.
    await page.getByRole('button', { name: text('az', 'calls.apply') }).click();
    await expect(page).toHaveURL(/\/login\?next=/);
    await signIn(page, who.email, who.password, 'az', true);
    await expect(page).toHaveURL(/\/application\?id=/);
    const url = page.url();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(call.title);
    await expect(page.getByTestId('application-state')).toHaveText(text('az', 'application.states.draft'));

    // Typing saves by itself; a reload shows the text kept.
    const motivation = page.getByRole('textbox', { name: LABELS.motivation });
    await motivation.fill('Beynəlxalq münasibətlər sahəsində təcrübə qazanmaq istəyirəm');
    await expect(page.locator('[id="answers.motivation-count"]')).toHaveText(text('az', 'application.words_count', { n: '6', max: '50' }));
    await saved(page);
    await page.reload();
    await expect(page.getByRole('textbox', { name: LABELS.motivation })).toHaveValue('Beynəlxalq münasibətlər sahəsində təcrübə qazanmaq istəyirəm');

    // The university question shows only for "yes"; leaving it empty is refused at submission.
    await expect(page.getByLabel(LABELS.university)).toHaveCount(0);
    await page.getByLabel(LABELS.years).fill('3');
    await page.getByRole('radio', { name: 'Bəli' }).check();
    await expect(page.getByLabel(LABELS.university)).toBeVisible();
    await page.getByRole('checkbox', { name: LABELS.consent }).check();
    await page.getByRole('button', { name: text('az', 'application.add_language') }).click();
    const form = page.getByRole('form', { name: text('az', 'application.form_heading') });
    await form.getByLabel(text('az', 'application.language'), { exact: true }).selectOption('en');
    await form.getByLabel(text('az', 'application.level'), { exact: true }).selectOption('B2');
    await saved(page);
    await axe(page, '/application');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: 'test-results/screenshots/application-375x812.png', fullPage: true });
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, 'no horizontal scroll at 375 px').toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: text('az', 'application.submit') }).click();
    const summary = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: text('az', 'application.errors_title') }) });
    await expect(summary).toBeVisible();
    await expect(page.getByRole('heading', { name: text('az', 'application.errors_title') })).toBeFocused();
    await expect(page.locator('[id="answers.university_name-error"]')).toBeVisible();
    await expect(page.getByLabel(LABELS.university)).toHaveAttribute('aria-invalid', 'true');
    await summary.getByRole('link', { name: new RegExp(LABELS.university.replace('?', '\\?')) }).click();
    await expect(page.getByLabel(LABELS.university)).toBeFocused();

    const before = mailsTo(who.email);
    await page.getByLabel(LABELS.university).fill('Bakı Dövlət Universiteti');
    await page.getByRole('button', { name: text('az', 'application.submit') }).click();
    await expect(page.getByRole('heading', { name: text('az', 'application.submitted_title') })).toBeFocused();
    const reference = (await page.getByTestId('reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^[A-Z0-9]+-DV-\d{4}-\d+$/);
    await expect(page.getByTestId('application-state')).toHaveText(text('az', 'application.states.submitted'));
    await expect(page.getByRole('textbox', { name: LABELS.motivation })).toHaveCount(0); // read-only now
    await expect(page.getByRole('region', { name: text('az', 'application.your_answers') })).toContainText('Bakı Dövlət Universiteti');
    await expect(page.getByRole('region', { name: text('az', 'application.eligibility') })).toBeVisible();
    await expect(page.getByRole('region', { name: text('az', 'application.timeline') })).toContainText(
      text('az', 'application.events.submitted'),
    );
    const receipt = await waitForMail(who.email, { exclude: before });
    expect(receipt.body).toContain(reference);

    // The list of one's applications has it, with its reference.
    await page.getByRole('navigation', { name: text('az', 'nav.label') }).getByRole('link', { name: text('az', 'nav.applications') }).click();
    const row = page.getByRole('listitem').filter({ hasText: reference });
    await expect(row.getByRole('link', { name: call.title })).toBeVisible();
    await row.getByRole('link', { name: call.title }).click();
    await expect(page).toHaveURL(url);

    // Withdrawing asks first.
    await page.getByRole('button', { name: text('az', 'application.withdraw') }).click();
    await expect(page.getByRole('button', { name: text('az', 'application.withdraw_confirm') })).toBeFocused();
    await page.getByRole('button', { name: text('az', 'application.withdraw_confirm') }).click();
    await expect(page.getByTestId('application-state')).toHaveText(text('az', 'application.states.withdrawn'));
    await expect(page.getByRole('button', { name: text('az', 'application.withdraw') })).toHaveCount(0);

    // A second "Apply" on the call page leads to the same application.
    await page.goto(`/call?id=${call.id}`);
    await page.getByRole('link', { name: text('az', 'calls.open_mine') }).click();
    await expect(page).toHaveURL(url);
  });
});

test.describe('two tabs', () => {
  // The stale tab's autosave is refused with 409 on purpose.
  test.use({ allowedConsoleErrors: [/status of 409/] });

  test('answers typed in two tabs are both kept until the person chooses', async ({ page, context, request }) => {
    test.setTimeout(90_000);
    const call = await openCall(request, FIELDS, RULES, DESCRIPTION);
    const who = person('two-tabs', { name: 'Rəşad Əliyev' });
    await registerConfirmed(page, who);
    await signIn(page, who.email, who.password);
    await expect(page).toHaveURL(/\/account$/);
    // A second tab opens the call before there is an application.
    const other = await context.newPage();
    await other.goto(`/call?id=${call.id}`);
    await expect(other.getByRole('button', { name: text('az', 'calls.apply') })).toBeVisible();

    await page.goto(`/call?id=${call.id}`);
    await page.getByRole('button', { name: text('az', 'calls.apply') }).click();
    await expect(page).toHaveURL(/\/application\?id=/);
    const url = page.url();

    // "Apply" in the second tab is refused as already_applied and opens the same application.
    await other.getByRole('button', { name: text('az', 'calls.apply') }).click();
    await expect(other).toHaveURL(url);
    await expect(other.getByRole('textbox', { name: LABELS.motivation })).toBeVisible();

    // The first tab saves first: a motivation and a number.
    await page.getByRole('textbox', { name: LABELS.motivation }).fill('Birinci vərəqdə yazdığım mətn');
    await page.getByLabel(LABELS.years).fill('4');
    await saved(page);

    // The second tab still has the old version and writes another motivation.
    await other.getByRole('textbox', { name: LABELS.motivation }).fill('İkinci vərəqdə yazdığım mətn');
    const conflict = other.getByRole('region', { name: text('az', 'application.conflict_title') });
    await expect(conflict).toBeVisible({ timeout: 10_000 });
    await expect(conflict.getByTestId('conflict-theirs')).toHaveText('Birinci vərəqdə yazdığım mətn');
    await expect(conflict.getByTestId('conflict-mine')).toHaveText('İkinci vərəqdə yazdığım mətn');
    // What only the first tab changed arrives without asking; nothing typed here is lost.
    await expect(other.getByLabel(LABELS.years)).toHaveValue('4');
    await expect(other.getByRole('textbox', { name: LABELS.motivation })).toHaveValue('İkinci vərəqdə yazdığım mətn');

    await conflict.getByRole('button', { name: new RegExp(`^${text('az', 'application.keep_mine')}`) }).click();
    await expect(conflict).toHaveCount(0);
    await saved(other);

    await page.reload();
    await expect(page.getByRole('textbox', { name: LABELS.motivation })).toHaveValue('İkinci vərəqdə yazdığım mətn');
    await expect(page.getByLabel(LABELS.years)).toHaveValue('4');
    await other.close();
  });
});
