"""Renders a report.html in headless Chromium and fails unless its charts are there and drawn,
the page fits 800 px without scrolling sideways, and its first screen answers.

Drives Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: no port,
no network), so the check can ask the page where each chart is:

1. the page loads from the file with no request leaving it (any URL it tries is listed);
2. every <svg class="chart"> has data: a drawn series, bar or cell path;
3. a PNG screenshot of the whole page is saved (every collapsed part opened), and where
   each chart's data is drawn (the box of its series, bars, spans or cells, legend left
   out) there are enough coloured pixels (data is drawn in colour; axes, grid and text
   are grey) — a chart that is in the DOM but renders blank fails;
4. at 800 px wide the page does not scroll sideways;
5. the first screen (800 × 1000, as the page opens) holds what --first-screen names: the
   platform timeline and the answers (a screenshot of it is saved next to the page's);
6. with --comparison FILE (the folder's comparison.csv): every comparison chart carries
   every policy (the paired-difference charts all but the baseline), every policy's
   description is on the page, and charts of clock metrics read HH:MM, not seconds;
7. with --policy-day as well: the page has the charts of each policy over the day
   (series-policies.csv), each with one line per policy of comparison.csv (the line's
   name starts with the policy) and HH:MM on its time axis.

Usage: check-report.py REPORT.html --screenshot PAGE.png [--pdf PAGE.pdf] [--chromium PATH]
       [--first-screen timeline,answers] [--comparison comparison.csv --baseline POLICY [--policy-day]]
"""
import argparse
import base64
import csv
import re
import io
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageChops

WIDTH = 800
# Height of one screenshot capture (see main: tall pages are captured in tiles).
TILE = 8000
FIRST_SCREEN = 1000
# Pixels whose channels spread more than this are "coloured": the Okabe–Ito series and
# the bars and heat-map cells; the greys of text, axes and grid are not.
CHROMA = 60
MIN_COLOURED = 150

CHARTS = """
JSON.stringify(Array.from(document.querySelectorAll('svg.chart')).map(svg => {
  const box = svg.getBoundingClientRect();
  const title = svg.getAttribute('aria-label');
  const paths = Array.from(svg.querySelectorAll('path.series, path.bar, path.cell, path.span'))
    .filter(p => (p.getAttribute('d') || '').length > 1);
  // The data's own box (legends and labels left out), a few pixels wider for flat lines.
  const boxes = paths.map(p => p.getBoundingClientRect());
  const data = boxes.length == 0 ? null : {
    left: Math.min(...boxes.map(b => b.left)) - 3, top: Math.min(...boxes.map(b => b.top)) - 3,
    right: Math.max(...boxes.map(b => b.right)) + 3, bottom: Math.max(...boxes.map(b => b.bottom)) + 3};
  const figure = svg.closest('figure');
  const texts = Array.from(svg.querySelectorAll('text')).map(t => t.textContent);
  // The name of each drawn line (its <title>), for the charts of each policy over the day.
  const lines = Array.from(svg.querySelectorAll('path.series')).filter(p => (p.getAttribute('d') || '').length > 1)
    .map(p => { const t = p.querySelector('title'); return t ? t.textContent : ''; });
  const section = Array.from(document.querySelectorAll('h2')).filter(h =>
    h.compareDocumentPosition(svg) & Node.DOCUMENT_POSITION_FOLLOWING).map(h => h.id).pop() || '';
  // A heat map whose cells are all one colour (every point the same figure) is drawn light.
  const fills = new Set(Array.from(svg.querySelectorAll('path.cell')).map(p => p.getAttribute('fill')));
  const uniform = svg.querySelectorAll('path.cell').length > 0 && fills.size == 1;
  return {title, drawn: paths.length, texts, lines, section, uniform,
          metric: figure ? figure.getAttribute('data-metric') : null,
          role: figure ? figure.getAttribute('data-role') : null, x: box.left + window.scrollX, y: box.top + window.scrollY,
          width: box.width, height: box.height,
          data: data && {x: data.left + window.scrollX, y: data.top + window.scrollY,
                         width: data.right - data.left, height: data.bottom - data.top}};
}))
"""


# Where the first screen's parts are, before any collapsed part is opened.
FIRST = """
JSON.stringify({
  scrollWidth: document.documentElement.scrollWidth,
  parts: Object.fromEntries(['timeline', 'answers'].map(id => {
    const heading = document.getElementById(id);
    if (!heading) return [id, null];
    // The part: its heading and what follows up to the next heading of its level.
    let last = heading, next = heading.nextElementSibling;
    while (next && next.tagName !== 'H2') { last = next; next = next.nextElementSibling; }
    const next1 = heading.nextElementSibling;
    const first = (next1 && (next1.querySelector('li') || next1)) || heading;
    return [id, {top: heading.getBoundingClientRect().top,
                 firstBottom: first.getBoundingClientRect().bottom,
                 text: first.innerText.slice(0, 200)}];
  }))
})
"""

OPEN_DETAILS = "document.querySelectorAll('details').forEach(d => d.open = true); document.body.innerText.length"
PAGE_TEXT = "document.body.innerText"


class DevTools:
    """The DevTools protocol over Chromium's pipe: JSON messages ended by NUL."""

    def __init__(self, chromium, profile, log):
        to_browser_read, self.to_browser = os.pipe()
        self.from_browser, from_browser_write = os.pipe()
        executable = shutil.which(chromium)
        if executable is None:
            sys.exit(f"check-report: no {chromium} on PATH (scripts/check-report.sh installs Debian's chromium)")
        arguments = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                     "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                     "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"]
        # The protocol pipe is fd 3 (commands in) and fd 4 (replies out) in the browser.
        self.pid = os.posix_spawn(executable, arguments, os.environ, file_actions=[
            (os.POSIX_SPAWN_OPEN, 0, "/dev/null", os.O_RDONLY, 0),
            (os.POSIX_SPAWN_DUP2, log.fileno(), 1),
            (os.POSIX_SPAWN_DUP2, log.fileno(), 2),
            (os.POSIX_SPAWN_DUP2, to_browser_read, 3),
            (os.POSIX_SPAWN_DUP2, from_browser_write, 4),
        ])
        os.close(to_browser_read)
        os.close(from_browser_write)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self.receive(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def receive(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe (see the log)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method, session, timeout=120):
        deadline = time.monotonic() + timeout
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method and event.get("sessionId") == session:
                    return self.events.pop(index)
            self.events.append(self.receive(deadline))

    def close(self):
        try:
            self.send("Browser.close", timeout=10)
        except Exception:
            pass
        for _ in range(100):
            if os.waitpid(self.pid, os.WNOHANG) != (0, 0):
                return
            time.sleep(0.1)
        os.kill(self.pid, 9)
        os.waitpid(self.pid, 0)


def coloured_pixels(image, box):
    """Pixels in the box whose colour channels spread more than CHROMA."""
    region = image.crop(box).convert("RGB")
    red, green, blue = region.split()
    spread = ImageChops.subtract(ImageChops.lighter(ImageChops.lighter(red, green), blue),
                                 ImageChops.darker(ImageChops.darker(red, green), blue))
    return sum(spread.point(lambda v: 255 if v > CHROMA else 0).histogram()[255:])


CLOCK = re.compile(r"\b\d\d:\d\d\b")
SECONDS = re.compile(r"^-?\d+(\.\d+)?k$")


def comparison_problems(path, baseline, charts, page_text):
    """Every comparison chart carries every policy; descriptions on the page; clocks as HH:MM."""
    problems = []
    with open(path, newline="", encoding="utf-8-sig") as file:
        sample = file.read(4096)
        file.seek(0)
        rows = list(csv.DictReader(file, delimiter=";" if sample.split("\n")[0].count(";") > 0 else ","))
    policies = list(dict.fromkeys(row["policy"] for row in rows))
    descriptions = {row["policy"]: row.get("policy_description", "") for row in rows}
    compared = [chart for chart in charts if chart["role"] in ("means", "differences")]
    if not compared:
        problems.append("no comparison chart (expected one per metric)")
    for chart in compared:
        labels = " ".join(chart["texts"])
        expected = [p for p in policies if chart["role"] == "means" or p != baseline]
        missing = [p for p in expected if not re.search(r"(^|\s)" + re.escape(p) + r"(\s|$)", labels)]
        if missing:
            problems.append(f"chart '{chart['title']}' leaves out {missing} (expected every policy)")
        if chart["metric"] and chart["metric"].endswith("_clock_s"):
            if chart["role"] == "means" and not CLOCK.search(labels):
                problems.append(f"chart '{chart['title']}' of a clock metric shows no HH:MM")
            seconds = [t for t in chart["texts"] if SECONDS.match(t.strip())]
            if seconds:
                problems.append(f"chart '{chart['title']}' of a clock metric shows seconds: {seconds[:3]}")
    for policy, description in descriptions.items():
        if description and description not in page_text:
            problems.append(f"policy {policy}'s description is not on the page: {description!r}")
    print(f"comparison: {len(compared)} charts, {len(policies)} policies ({', '.join(policies)}), "
          f"{sum(1 for d in descriptions.values() if d)} descriptions checked")
    return problems


def policy_day_problems(path, charts):
    """The charts of each policy over the day: there, one line per policy, HH:MM across."""
    problems = []
    with open(path, newline="", encoding="utf-8-sig") as file:
        sample = file.read(4096)
        file.seek(0)
        rows = list(csv.DictReader(file, delimiter=";" if sample.split("\n")[0].count(";") > 0 else ","))
    policies = list(dict.fromkeys(row["policy"] for row in rows))
    day = [chart for chart in charts if chart["role"] == "day"]
    if not day:
        problems.append("no chart of the policies over the day (expected one per series behind the compared figures)")
    for chart in day:
        names = chart["lines"]
        missing = [p for p in policies if not any(re.match(re.escape(p) + r"(\s|$)", name) for name in names)]
        if missing:
            problems.append(f"day chart '{chart['title']}' has no line for {missing} (expected one per policy)")
        if len(names) != len(policies):
            problems.append(f"day chart '{chart['title']}' draws {len(names)} lines for {len(policies)} policies")
        if len([t for t in chart["texts"] if CLOCK.fullmatch(t.strip())]) < 2:
            problems.append(f"day chart '{chart['title']}' has no HH:MM time axis")
    print(f"policies over the day: {len(day)} charts, {len(policies)} lines each expected")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report", type=Path)
    parser.add_argument("--screenshot", type=Path, required=True)
    parser.add_argument("--pdf", type=Path)
    parser.add_argument("--chromium", default="chromium")
    parser.add_argument("--min-charts", type=int, default=1)
    parser.add_argument("--first-screen", default="",
                        help="comma-separated parts the first 800×1000 screen must show: timeline, answers")
    parser.add_argument("--comparison", type=Path, help="the folder's comparison.csv: check its policies are charted")
    parser.add_argument("--baseline", help="the comparison's baseline policy")
    parser.add_argument("--policy-day", action="store_true",
                        help="with --comparison: check the charts of each policy over the day")
    args = parser.parse_args()

    problems = []
    with tempfile.TemporaryDirectory() as profile, open(args.screenshot.with_suffix(".chromium.log"), "w") as log:
        browser = DevTools(args.chromium, profile, log)
        try:
            target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            browser.send("Page.enable", session=session)
            browser.send("Network.enable", session=session)
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": WIDTH, "height": FIRST_SCREEN, "deviceScaleFactor": 1, "mobile": False}, session=session)
            browser.send("Page.navigate", {"url": args.report.resolve().as_uri()}, session=session)
            browser.wait_for("Page.loadEventFired", session)
            first = json.loads(browser.send("Runtime.evaluate", {"expression": FIRST, "returnByValue": True},
                                            session=session)["result"]["value"])
            shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session, timeout=60)
            first_png = args.screenshot.with_name(args.screenshot.stem + "-first-screen.png")
            first_png.write_bytes(base64.b64decode(shot["data"]))
            browser.send("Runtime.evaluate", {"expression": OPEN_DETAILS, "returnByValue": True}, session=session)
            page_text = browser.send("Runtime.evaluate", {"expression": PAGE_TEXT, "returnByValue": True},
                                     session=session)["result"]["value"]
            wide = json.loads(browser.send("Runtime.evaluate", {"expression": FIRST, "returnByValue": True},
                                           session=session)["result"]["value"])["scrollWidth"]
            requests = [e["params"]["request"]["url"] for e in browser.events
                        if e.get("method") == "Network.requestWillBeSent"]
            foreign = [url for url in requests if not url.startswith("file://")]
            if foreign:
                problems.append(f"the page asked for {len(foreign)} URL(s) (expected none): {foreign[:5]}")

            charts = json.loads(browser.send("Runtime.evaluate", {"expression": CHARTS, "returnByValue": True},
                                             session=session)["result"]["value"])
            height = int(browser.send("Page.getLayoutMetrics", session=session)["cssContentSize"]["height"])
            browser.send("Emulation.setDeviceMetricsOverride",
                         {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
            # In tiles: one capture of a very tall page (90,000 px for the France report in
            # French) comes back blank below some height, so the page is captured TILE px at
            # a time and the tiles are pasted into one image.
            image = Image.new("RGB", (WIDTH, height), "white")
            for top in range(0, height, TILE):
                clip = {"x": 0, "y": top, "width": WIDTH, "height": min(TILE, height - top), "scale": 1}
                shot = browser.send("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip},
                                    session=session, timeout=180)
                image.paste(Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB"), (0, top))
            buffer = io.BytesIO()
            image.save(buffer, format="PNG")
            png = buffer.getvalue()
            args.screenshot.write_bytes(png)
            if args.pdf:
                pdf = browser.send("Page.printToPDF", {"printBackground": False, "preferCSSPageSize": True},
                                   session=session, timeout=180)
                args.pdf.write_bytes(base64.b64decode(pdf["data"]))
        finally:
            browser.close()

    print(f"{args.report}: {len(charts)} charts, page {WIDTH}×{height} px, screenshot {image.width}×{image.height} px "
          f"({len(png)} bytes) in {args.screenshot}")
    if first["scrollWidth"] > WIDTH or wide > WIDTH:
        problems.append(f"the page is {max(first['scrollWidth'], wide)} px wide at a {WIDTH} px window (expected no sideways scroll)")
    for part in [p for p in args.first_screen.split(",") if p]:
        where = first["parts"].get(part)
        if where is None:
            problems.append(f"no '{part}' part on the page (expected it on the first screen)")
        elif where["firstBottom"] > FIRST_SCREEN:
            problems.append(f"'{part}' is not on the first {WIDTH}×{FIRST_SCREEN} screen: its first element ends at {where['firstBottom']:.0f} px")
    if args.comparison:
        problems += comparison_problems(args.comparison, args.baseline, charts, page_text)
        if args.policy_day:
            problems += policy_day_problems(args.comparison, charts)
    if len(charts) < args.min_charts:
        problems.append(f"{len(charts)} charts (expected at least {args.min_charts})")
    for chart in charts:
        box = (round(chart["x"]), round(chart["y"]), round(chart["x"] + chart["width"]), round(chart["y"] + chart["height"]))
        if chart["drawn"] == 0:
            problems.append(f"chart '{chart['title']}' has no drawn series, bar or cell in the DOM")
            continue
        if chart["width"] < 100 or chart["height"] < 100 or box[3] > image.height:
            problems.append(f"chart '{chart['title']}' is not laid out where it can be seen: {box}")
            continue
        data = chart["data"]
        pixels = coloured_pixels(image, (round(data["x"]), round(data["y"]),
                                         round(data["x"] + data["width"]), round(data["y"] + data["height"])))
        if pixels < MIN_COLOURED and not chart["uniform"]:
            problems.append(f"chart '{chart['title']}' renders blank: {pixels} coloured pixels (expected at least {MIN_COLOURED})")
    if problems:
        print("report check FAILED:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    print(f"report check passed: every chart is in the DOM with data and drawn in the screenshot")
    return 0


if __name__ == "__main__":
    sys.exit(main())
