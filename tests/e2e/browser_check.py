#!/usr/bin/python3
"""Opens an HTML page in headless Chromium (Debian's chromium, driven by chromedriver over the
W3C WebDriver protocol, standard library only) and checks that it rendered:

- no console message at level WARNING or SEVERE (errors, CSP violations, failed loads);
- no JavaScript dialog (an alert() would mean injected script ran);
- every <svg class="chart"> has a non-empty rendered box and exactly `data-marks` rendered
  marks (shapes of class "mark" with a non-empty box);
- no <img>, <script>, <iframe> or on* attribute anywhere in the DOM;
- in every chart, no two legend entries (key swatches and their labels) overlap as rendered.

Saves a full-page screenshot. Prints one JSON line of facts; exits 1 on any failure.

usage: browser_check.py PAGE.html SCREENSHOT.png
"""
import base64
import json
import os
import socket
import subprocess
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request

CHECK_SCRIPT = r"""
const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
  const box = svg.getBoundingClientRect();
  const marks = [...svg.querySelectorAll('.mark')];
  const drawn = marks.filter(m => { const b = m.getBBox(); return b.width > 0 && b.height > 0; });
  return {label: svg.getAttribute('aria-label'), width: box.width, height: box.height,
          declared: Number(svg.dataset.marks), marks: marks.length, drawn: drawn.length};
});
const overlaps = [];
for (const svg of document.querySelectorAll('svg.chart')) {
  const items = [...svg.querySelectorAll('.key, text.legend')].map(e => {
    const b = e.getBBox();
    return {x: b.x, y: b.y, r: b.x + b.width, b: b.y + b.height, name: e.textContent || 'a key'};
  });
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i], c = items[j];
      if (a.x < c.r - 0.5 && c.x < a.r - 0.5 && a.y < c.b - 0.5 && c.y < a.b - 0.5) {
        overlaps.push(`${svg.getAttribute('aria-label')}: ${a.name} / ${c.name}`);
      }
    }
  }
}
const active = [...document.querySelectorAll('*')].filter(
  e => [...e.attributes].some(a => a.name.startsWith('on')));
return {charts, overlaps,
        forbidden: document.querySelectorAll('img, script, iframe, object, embed').length,
        handlers: active.length,
        height: document.documentElement.scrollHeight,
        title: document.title};
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None):
        url = self.base + (f"/session/{self.session}" if self.session else "") + path
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                return json.load(resp)["value"]
        except urllib.error.HTTPError as e:
            value = json.load(e)["value"]
            raise RuntimeError(f"{method} {path}: {value.get('error')}: {value.get('message')}")


def main():
    page, screenshot = os.path.abspath(sys.argv[1]), sys.argv[2]
    port = free_port()
    profile = None
    driver = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    failures = []
    try:
        wd = WebDriver(port)
        for _ in range(100):
            try:
                wd.call("GET", "/status")
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        # A profile of its own: tests run in parallel and share the screenshot folder, and a
        # second Chromium on a profile in use exits ("session not created").
        profile = tempfile.mkdtemp(prefix="cutover-chrome-profile.")
        caps = {"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:loggingPrefs": {"browser": "ALL"},
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--no-first-run", f"--user-data-dir={profile}",
                         "--window-size=1280,1000"]}}}}
        created = wd.call("POST", "/session", caps)
        wd.session = created["sessionId"]
        wd.call("POST", "/url", {"url": "file://" + page})
        try:
            text = wd.call("GET", "/alert/text")
            failures.append(f"a JavaScript dialog opened: {text!r}")
        except RuntimeError:
            pass  # no such alert: good
        facts = wd.call("POST", "/execute/sync", {"script": CHECK_SCRIPT, "args": []})
        logs = wd.call("POST", "/se/log", {"type": "browser"})
        wd.call("POST", "/window/rect", {"width": 1280, "height": min(facts["height"] + 40, 16000)})
        png = base64.b64decode(wd.call("GET", "/screenshot"))
        with open(screenshot, "wb") as f:
            f.write(png)
        wd.call("DELETE", "")
    finally:
        driver.terminate()
        driver.wait()
        if profile:
            shutil.rmtree(profile, ignore_errors=True)

    for entry in logs:
        if entry.get("level") in ("WARNING", "SEVERE"):
            failures.append(f"console {entry['level']}: {entry.get('message')}")
    if not facts["charts"]:
        failures.append("no chart in the page")
    for c in facts["charts"]:
        if not (c["width"] > 0 and c["height"] > 0):
            failures.append(f"chart {c['label']!r} has an empty box")
        if c["marks"] != c["declared"] or c["drawn"] != c["declared"]:
            failures.append(f"chart {c['label']!r}: {c['declared']} marks declared, "
                            f"{c['marks']} in the DOM, {c['drawn']} rendered")
    for o in facts["overlaps"]:
        failures.append(f"legend entries overlap in chart {o}")
    if facts["forbidden"]:
        failures.append(f"{facts['forbidden']} img/script/iframe/object/embed elements in the DOM")
    if facts["handlers"]:
        failures.append(f"{facts['handlers']} elements carry on* event handlers")
    if not png.startswith(b"\x89PNG"):
        failures.append("the screenshot is not a PNG")
    print(json.dumps({"charts": len(facts["charts"]),
                      "marks": sum(c["drawn"] for c in facts["charts"]),
                      "console": len(logs), "screenshot_bytes": len(png),
                      "title": facts["title"], "failures": failures}))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
