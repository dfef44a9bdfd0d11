// Drives headless Chromium over the DevTools protocol (Node's built-in
// WebSocket, no npm packages) to check an orgguard HTML report as a person
// would use it: it opens, nothing errors in the console, nothing is fetched
// from the network, typing in the filter changes the visible rows, a click
// on a header sorts, and a screenshot is written.
//
// usage: node html-report-check.mjs PORT REPORT.html SCREENSHOT.png FILTER EXPECTED_ROWS
//   FILTER and EXPECTED_ROWS may be "-" for a report without a filterable table.

import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

const [port, report, screenshot, filterText, expectedRows] = process.argv.slice(2);
const failures = [];
let passed = 0;
function check(ok, what) {
  if (ok) { passed += 1; console.log(`ok   ${what}`); } else { failures.push(what); console.log(`FAIL ${what}`); }
}

const target = await (await fetch(`http://127.0.0.1:${port}/json/new?about:blank`, { method: "PUT" })).json();
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject; });

let nextId = 0;
const pending = new Map();
const listeners = [];
const consoleErrors = [];
const requests = [];
ws.onmessage = (event) => {
  const msg = JSON.parse(event.data);
  if (msg.id !== undefined && pending.has(msg.id)) {
    const { resolve, reject } = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.error) { reject(new Error(JSON.stringify(msg.error))); } else { resolve(msg.result); }
    return;
  }
  if (msg.method === "Runtime.exceptionThrown") {
    consoleErrors.push(msg.params.exceptionDetails.exception?.description ?? msg.params.exceptionDetails.text);
  } else if (msg.method === "Runtime.consoleAPICalled" && ["error", "assert"].includes(msg.params.type)) {
    consoleErrors.push(msg.params.args.map((a) => a.value ?? a.description).join(" "));
  } else if (msg.method === "Log.entryAdded" && msg.params.entry.level === "error") {
    consoleErrors.push(msg.params.entry.text);
  } else if (msg.method === "Network.requestWillBeSent") {
    requests.push(msg.params.request.url);
  }
  for (const l of listeners) { l(msg); }
};
function send(method, params = {}) {
  const id = ++nextId;
  ws.send(JSON.stringify({ id, method, params }));
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function waitFor(method, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${method}`)), ms);
    listeners.push((msg) => { if (msg.method === method) { clearTimeout(timer); resolve(msg.params); } });
  });
}
async function evaluate(expression) {
  const r = await send("Runtime.evaluate", { expression, returnByValue: true, awaitPromise: true });
  if (r.exceptionDetails) { throw new Error(`evaluate failed: ${r.exceptionDetails.text}`); }
  return r.result.value;
}

await send("Runtime.enable");
await send("Log.enable");
await send("Network.enable");
await send("Page.enable");
await send("Emulation.setDeviceMetricsOverride", { width: 1400, height: 1000, deviceScaleFactor: 1, mobile: false });
const loaded = waitFor("Page.loadEventFired", 20000);
const url = pathToFileURL(report).href;
await send("Page.navigate", { url });
await loaded;

check(await evaluate("document.querySelectorAll('figure.chart').length >= 2"), "the report has its charts");
check(await evaluate("Array.from(document.querySelectorAll('figure.chart')).every(f => f.querySelector('svg') || f.querySelector('.empty'))"), "every chart is inline SVG or says it has nothing to show");
check(await evaluate("document.querySelector('.cards') !== null"), "the summary is at the top");

if (filterText !== "-") {
  const visible = "Array.from(document.querySelectorAll('#inventory tbody tr')).filter(r => !r.hidden && r.offsetParent !== null).length";
  const total = await evaluate(visible);
  check(total > 0, `the table shows rows before filtering (${total})`);
  await evaluate("document.getElementById('filter').focus()");
  await send("Input.insertText", { text: filterText });
  const after = await evaluate(visible);
  const countText = await evaluate("document.getElementById('row-count').textContent");
  check(after === Number(expectedRows), `typing "${filterText}" leaves ${after} visible rows (expected ${expectedRows})`);
  check(countText === `${after} of ${total} rows`, `the counter says "${countText}"`);

  // A real click on the "Principal" header sorts the visible rows by it.
  const box = await evaluate(`(() => { const th = Array.from(document.querySelectorAll('#inventory th')).find(h => h.textContent === 'Account'); const r = th.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 }; })()`);
  for (const type of ["mousePressed", "mouseReleased"]) {
    await send("Input.dispatchMouseEvent", { type, x: box.x, y: box.y, button: "left", clickCount: 1 });
  }
  const sortedAsc = await evaluate(`(() => { const v = Array.from(document.querySelectorAll('#inventory tbody tr')).filter(r => !r.hidden).map(r => r.cells[0].textContent.trim()); const s = [...v].sort((a, b) => a.localeCompare(b, undefined, { numeric: true, sensitivity: 'base' })); return JSON.stringify(v) === JSON.stringify(s) && document.querySelector('#inventory th[aria-sort]').getAttribute('aria-sort') === 'ascending'; })()`);
  check(sortedAsc, "a click on the Account header sorts the rows");
  for (const type of ["mousePressed", "mouseReleased"]) {
    await send("Input.dispatchMouseEvent", { type, x: box.x, y: box.y, button: "left", clickCount: 1 });
  }
  const sortedDesc = await evaluate("document.querySelector('#inventory th[aria-sort]').getAttribute('aria-sort') === 'descending'");
  check(sortedDesc, "a second click sorts the other way");
}

const shot = await send("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
writeFileSync(screenshot, Buffer.from(shot.data, "base64"));
check(true, `screenshot written to ${screenshot}`);

check(consoleErrors.length === 0, `no console errors${consoleErrors.length ? ": " + consoleErrors.join(" | ") : ""}`);
const external = requests.filter((u) => !u.startsWith("file:") && !u.startsWith("data:") && u !== "about:blank");
check(external.length === 0, `no network requests${external.length ? ": " + external.join(", ") : ""}`);

ws.close();
console.log(`${passed} passed, ${failures.length} failed`);
process.exit(failures.length === 0 ? 0 : 1);
