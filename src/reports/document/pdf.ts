/**
 * PDF renderer: the static HTML report (charts as inline SVG, no script) printed by Chromium, which does the layout
 * the browser already knows (tables across pages, header rows repeated, page-number margin boxes); or, where no
 * Chromium is installed or SHANZHI_PDF=pdfkit says so, the pure-Node fallback in pdf-fallback.ts.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { AppError } from '../../core/errors.js';
import type { ReportDocument } from './document.js';
import { renderHtml } from './html.js';

export type PdfEngine = 'chromium' | 'pdfkit';

export interface PdfOptions {
  /** The engine to use; by default SHANZHI_PDF when set, else Chromium when one is found, else pdfkit. */
  engine?: PdfEngine;
}

export interface RenderedPdf {
  bytes: Buffer;
  engine: PdfEngine;
}

/** The environment variables: SHANZHI_CHROMIUM names the browser binary, SHANZHI_PDF picks the engine. */
export const CHROMIUM_ENV = 'SHANZHI_CHROMIUM';
export const PDF_ENGINE_ENV = 'SHANZHI_PDF';
const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
export const CHROMIUM_HINT = `install Chromium (apt-get install chromium) or set ${CHROMIUM_ENV} to a Chromium binary`;

/** The Chromium binary: SHANZHI_CHROMIUM when set (it must exist), else the first Debian/Ubuntu path that exists. */
export function findChromium(env: Readonly<Record<string, string | undefined>> = process.env): string | undefined {
  const configured = env[CHROMIUM_ENV]?.trim();
  if (configured) {
    if (!existsSync(configured)) {
      throw new AppError('unavailable', `${CHROMIUM_ENV}=${configured} does not exist; ${CHROMIUM_HINT}`);
    }
    return configured;
  }
  return CHROMIUM_PATHS.find((path) => existsSync(path));
}

/** Which engine a render uses: the option, SHANZHI_PDF, or Chromium when installed, else pdfkit. */
export function pdfEngine(
  options: PdfOptions = {},
  env: Readonly<Record<string, string | undefined>> = process.env,
): PdfEngine {
  const chosen = options.engine ?? env[PDF_ENGINE_ENV]?.trim();
  if (chosen === 'chromium' || chosen === 'pdfkit') {
    return chosen;
  }
  if (chosen) {
    throw new AppError('invalid_input', `${PDF_ENGINE_ENV} must be chromium or pdfkit, got ${chosen}`);
  }
  return findChromium(env) === undefined ? 'pdfkit' : 'chromium';
}

/*
 * One browser per process, launched on first use (a launch takes 0.4–2 s, a page 50 ms–1 s). The browser's pipes
 * keep Node's event loop alive, so a process that renders once would never exit: the browser is closed after
 * IDLE_MS without renders, and a one-shot command should call closePdfBrowser() when done. Playwright kills the
 * browser when the process exits.
 */
let browser: Promise<Browser> | null = null;
let idle: NodeJS.Timeout | null = null;
let active = 0;
const IDLE_MS = 15_000;

function launch(): Promise<Browser> {
  if (browser === null) {
    const executablePath = findChromium();
    if (executablePath === undefined) {
      throw new AppError('unavailable', `No Chromium for PDF reports: ${CHROMIUM_HINT}`);
    }
    // Imported here: playwright-core takes most of a second to load, which every other command would pay.
    const launched = import('playwright-core').then(({ chromium }) => chromium.launch({ executablePath }));
    browser = launched;
    launched.then(
      (b) =>
        b.on('disconnected', () => {
          if (browser === launched) {
            browser = null;
          }
        }),
      () => {
        if (browser === launched) {
          browser = null;
        }
      },
    );
  }
  return browser;
}

/** Closes the shared browser, if one is open. */
export async function closePdfBrowser(): Promise<void> {
  if (idle !== null) {
    clearTimeout(idle);
    idle = null;
  }
  const open = browser;
  browser = null;
  if (open !== null) {
    await open.then((b) => b.close()).catch(() => undefined);
  }
}

async function renderWithChromium(doc: ReportDocument): Promise<Buffer> {
  const html = await renderHtml(doc, { staticCharts: true });
  if (idle !== null) {
    clearTimeout(idle);
    idle = null;
  }
  active += 1;
  try {
    const context = await (await launch()).newContext({ javaScriptEnabled: false, offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      // With scripts off, evaluate still runs (it is the harness, not the page): wait until every font is loaded.
      await page.evaluate('document.fonts.ready.then(() => true)');
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      return Buffer.from(pdf);
    } finally {
      await context.close();
    }
  } finally {
    active -= 1;
    if (active === 0 && browser !== null) {
      idle = setTimeout(() => void closePdfBrowser(), IDLE_MS);
      idle.unref();
    }
  }
}

/**
 * Renders a report document to PDF: Chromium printing the static HTML (A4, GB/T 9704 margins, — 1 — page numbers,
 * a document outline from the headings), or pdfkit when no Chromium is found or SHANZHI_PDF=pdfkit. Says which
 * engine was used. Throws `invalid_input` on a bad model, `unavailable` when the chosen engine cannot run.
 */
export async function renderPdf(doc: ReportDocument, options: PdfOptions = {}): Promise<RenderedPdf> {
  const engine = pdfEngine(options);
  return engine === 'chromium'
    ? { bytes: await renderWithChromium(doc), engine }
    : { bytes: await (await import('./pdf-fallback.js')).renderPdfFallback(doc), engine };
}
