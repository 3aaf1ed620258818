import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { type BrowserContext, type Page, chromium } from "playwright-core";
import type { PortfolioResult } from "../../cli/portfolio/model";
import { formatPortfolioHtml } from "../../cli/report/portfolio/html";
import { examplePortfolio } from "../helpers/portfolio";

// The HTML page of `aigov portfolio` in a real browser: Debian's chromium (installed by .ci/run),
// driven with playwright-core. The page must work offline: it may request nothing.

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

let result: PortfolioResult;
let dir: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const problems: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the browser test needs Debian's chromium (.ci/run installs it: apt-get install -y chromium)`,
    );
  }
  result = await examplePortfolio();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-portfolio-html-"));
  const file = path.join(dir, "portfolio.html");
  fs.writeFileSync(file, formatPortfolioHtml(result));
  context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
    executablePath: CHROMIUM,
    args: ARGS,
    headless: true,
    viewport: { width: 1200, height: 900 },
  });
  context.on("request", (r) => requests.push(r.url()));
  page = await context.newPage();
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`file://${file}`);
}, 120_000);

afterAll(async () => {
  await context?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test("the page loads nothing but itself, and its script runs without errors", () => {
  expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
  expect(problems).toEqual([]);
});

test("the headline figures", async () => {
  expect(await page.title()).toBe("aigov portfolio review, 2026-12-01");
  expect(await page.textContent("#kpi-assets")).toBe("11");
  expect(await page.textContent("#kpi-findings")).toBe("12");
});

test("cost by team and stage: one bar per team with a cost, segments per stage", async () => {
  const teams = await page.$$eval("#chart-cost g.bar", (gs) =>
    gs.map((g) => g.getAttribute("data-team")),
  );
  expect(teams[0]).toBe("risk-ml");
  expect(new Set(teams)).toEqual(new Set(["risk-ml", "vision", "docs-ml", "__unallocated__"]));
  const riskStages = await page.$$eval(
    '#chart-cost g.bar[data-team="risk-ml"] rect.segment',
    (rs) => rs.map((r) => r.getAttribute("data-stage")),
  );
  expect(riskStages).toEqual(["production", "deprecated"]);
  const box = await page.locator('#chart-cost g.bar[data-team="risk-ml"]').boundingBox();
  expect(box?.width).toBeGreaterThan(300);
});

test("risk tier × stage counts the assets", async () => {
  const count = (tier: string, stage: string) =>
    page.getAttribute(
      `#chart-risk g.cell[data-risk-tier="${tier}"][data-stage="${stage}"]`,
      "data-count",
    );
  expect(await count("high", "production")).toBe("2");
  expect(await count("high", "deprecated")).toBe("1");
  expect(await count("limited", "retired")).toBe("1");
  const total = await page.$$eval("#chart-risk g.cell", (cs) =>
    cs.reduce((s, c) => s + Number(c.getAttribute("data-count")), 0),
  );
  expect(total).toBe(result.assets.length);
});

test("upcoming sunsets: the assets within 90 days", async () => {
  expect(
    await page.$$eval("#chart-sunsets g.sunset", (gs) =>
      gs.map((g) => `${g.getAttribute("data-asset")} ${g.getAttribute("data-days")}`),
    ),
  ).toEqual(["support-tuned 76"]);
});

test("the findings filter by severity, finding, team and text", async () => {
  const visible = () => page.locator("#findings tbody tr:visible").count();
  expect(await visible()).toBe(12);
  await page.selectOption("#filter-severity", "high");
  expect(await visible()).toBe(6);
  expect(await page.textContent("#findings-shown")).toBe("6 of 12 shown");
  await page.selectOption("#filter-finding", "past-sunset");
  expect(await visible()).toBe(1);
  await page.selectOption("#filter-severity", "");
  await page.selectOption("#filter-finding", "");
  await page.selectOption("#filter-team", "vision");
  expect(
    await page.$$eval("#findings tbody tr:not([hidden])", (rs) =>
      rs.map((r) => r.getAttribute("data-finding")),
    ),
  ).toEqual(["retired-still-serving", "unbudgeted-team"]);
  await page.selectOption("#filter-team", "");
  await page.fill("#filter-text", "titan");
  expect(await visible()).toBe(2);
  await page.fill("#filter-text", "");
  expect(await visible()).toBe(12);
});

test("a screenshot of the whole page", async () => {
  const shot = path.join(dir, "portfolio.png");
  await page.screenshot({ path: shot, fullPage: true });
  const png = fs.readFileSync(shot);
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.length).toBeGreaterThan(50_000);
  if (process.env.AIGOV_SCREENSHOT_DIR) {
    fs.copyFileSync(shot, path.join(process.env.AIGOV_SCREENSHOT_DIR, "portfolio.png"));
  }
});
