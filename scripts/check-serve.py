"""Drives the what-if page (`affluence serve`) in headless Chromium with Selenium.

1. the page of --model opens with a sample and two replications in its URL; every resource
   it loads comes from the server (no CDN);
2. moving the `servers` knob with the keyboard changes the twin's chart (and the URL);
3. "Simulate" runs; the report's charts appear in the page;
4. timeseries.csv and summary.csv download through the page and equal, byte for byte, the
   files of the `affluence run` command the page shows, run here;
5. "Save as scenario" writes a file that `affluence validate` accepts and that `affluence
   run` turns into the same timeseries.csv once more;
6. the shared URL reopens with the knob where it was;
7. two settings are compared; the comparison's charts appear.
Screenshots (twin.png, simulate.png, compare.png) go to --out.

Usage: check-serve.py --url http://127.0.0.1:PORT/ --model NAME --out DIR --affluence BINARY
"""
import argparse
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


def fail(message):
    print(f"check-serve: {message}", file=sys.stderr)
    sys.exit(1)


def step(message):
    print(f"check-serve: {message}", flush=True)


def body_attr(driver, name):
    return driver.find_element(By.TAG_NAME, "body").get_attribute(name)


def wait_job(driver, which, seconds):
    WebDriverWait(driver, seconds).until(lambda d: body_attr(d, f"data-{which}-state") in ("done", "failed", "cancelled"))
    state = body_attr(driver, f"data-{which}-state")
    if state != "done":
        message = driver.find_element(By.ID, "job-message" if which == "sim" else "compare-message").text
        fail(f"the {which} job ended {state}: {message}")


def frame_charts(driver, frame_id, minimum):
    frame = driver.find_element(By.ID, frame_id)
    driver.switch_to.frame(frame)
    try:
        WebDriverWait(driver, 60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "svg.chart path.series, svg.chart path.bar, svg.chart path.span")) > 0
                                        and len(d.find_elements(By.CSS_SELECTOR, "svg.chart")) >= minimum)
        return len(driver.find_elements(By.CSS_SELECTOR, "svg.chart"))
    finally:
        driver.switch_to.default_content()


def run_job(driver, out, button, which, frame_id, minimum, section, done, shows, screenshot):
    """Starts a job with `button`, waits for it and for its report's charts, and screenshots its section."""
    driver.find_element(By.ID, button).click()
    started = time.time()
    wait_job(driver, which, 300)
    n = frame_charts(driver, frame_id, minimum)
    step(f"{done} in {time.time() - started:.1f} s; {shows} shows {n} charts")
    driver.execute_script(f"document.getElementById('{section}').scrollIntoView()")
    time.sleep(0.5)
    driver.save_screenshot(str(out / screenshot))


def download(driver, downloads, selector, suffix):
    before = set(downloads.iterdir())
    driver.find_element(By.CSS_SELECTOR, selector).click()
    deadline = time.time() + 60
    while time.time() < deadline:
        done = [p for p in set(downloads.iterdir()) - before if p.name.endswith(suffix)]
        if done:
            return done[0]
        time.sleep(0.1)
    fail(f"{suffix} did not download")


def same_bytes(a, b, what):
    if a.read_bytes() != b.read_bytes():
        fail(f"{what}: {a} and {b} differ")
    step(f"{what}: {a.name} equals {b} byte for byte ({a.stat().st_size} bytes)")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--affluence", required=True)
    args = parser.parse_args()
    out = Path(args.out).resolve()
    downloads = out / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for a in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
              "--window-size=1280,2400", "--lang=en-GB"]:
        options.add_argument(a)
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(executable_path=shutil.which("chromedriver")), options=options)
    try:
        driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        check(driver, args, out, downloads)
    finally:
        driver.quit()


def check(driver, args, out, downloads):
    affluence = args.affluence
    page = f"{args.url}m/{args.model}"
    driver.get(page + "?sample=20&replications=2&seed=11")
    wait = WebDriverWait(driver, 60)
    wait.until(lambda d: body_attr(d, "data-twin"))
    charts = driver.find_element(By.ID, "twin-charts")
    before = charts.get_attribute("innerHTML")
    if "<svg" not in before:
        fail("the twin drew no chart")
    resources = driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
    outside = [r for r in resources if not r.startswith(args.url)]
    if outside:
        fail(f"the page loaded resources from elsewhere: {outside}")

    # 2. A knob moved with the keyboard: the twin answers, the chart changes.
    slider = driver.find_element(By.ID, "k-servers")
    start_value = int(slider.get_attribute("value"))
    for _ in range(3):
        slider.send_keys(Keys.ARROW_RIGHT)
    started = time.time()
    wait.until(lambda d: f"servers={start_value + 3}&" in d.current_url)
    wait.until(lambda d: d.find_element(By.ID, "twin-charts").get_attribute("innerHTML") != before)
    step(f"servers {start_value} → {slider.get_attribute('value')}: the twin's chart changed in {time.time() - started:.2f} s "
         f"({driver.find_element(By.ID, 'twin-summary').text})")
    shared = driver.current_url
    driver.save_screenshot(str(out / "twin.png"))

    # 3. Simulate: progress, then the report's charts.
    run_job(driver, out, "simulate-button", "sim", "report", 3, "simulation", "simulated", "the report", "simulate.png")

    # 4. The CSV files through the page equal `affluence run` with the command the page shows.
    timeseries = download(driver, downloads, '#downloads a[data-file="timeseries.csv"]', "timeseries.csv")
    summary = download(driver, downloads, '#downloads a[data-file="summary.csv"]', "summary.csv")
    command = driver.find_element(By.CSS_SELECTOR, "#downloads code").text
    words = shlex.split(command)
    if words[:2] != ["affluence", "run"]:
        fail(f"the page shows no run command: {command!r}")
    subprocess.run([affluence] + words[1:] + ["--out", str(out / "cli-run"), "--quiet"], cwd=out, check=True)
    step(f"ran {command}")
    same_bytes(timeseries, out / "cli-run" / "timeseries.csv", "the page's timeseries.csv and affluence run's")
    same_bytes(summary, out / "cli-run" / "summary.csv", "the page's summary.csv and affluence run's")

    # 5. Save as scenario, validate it, run it: the same bytes.
    name = driver.find_element(By.ID, "save-name")
    name.send_keys("check-saved")
    driver.find_element(By.ID, "save-button").click()
    wait.until(lambda d: body_attr(d, "data-saved"))
    saved = Path(body_attr(driver, "data-saved"))
    save_command = driver.find_element(By.ID, "save-command").text
    subprocess.run([affluence, "validate", str(saved)], check=True)
    words = shlex.split(save_command)
    subprocess.run([affluence] + words[1:] + ["--out", str(out / "saved-run"), "--quiet"], cwd=out, check=True)
    step(f"saved {saved.name}; `affluence validate` accepts it; ran {save_command}")
    same_bytes(timeseries, out / "saved-run" / "timeseries.csv", "the page's timeseries.csv and the saved scenario's")

    # 6. The shared URL reopens the setting.
    driver.get(shared)
    wait.until(lambda d: body_attr(d, "data-twin"))
    if driver.find_element(By.ID, "k-servers").get_attribute("value") != str(start_value + 3):
        fail("the shared URL did not restore the knob")
    step("the shared URL restores the knob")

    # 7. Compare two settings on common random numbers.
    driver.find_element(By.ID, "add-setting").click()
    before = driver.find_element(By.ID, "twin-charts").get_attribute("innerHTML")
    slider = driver.find_element(By.ID, "k-servers")
    for _ in range(4):
        slider.send_keys(Keys.ARROW_LEFT)
    wait.until(lambda d: f"servers={start_value - 1}&" in d.current_url)
    wait.until(lambda d: d.find_element(By.ID, "twin-charts").get_attribute("innerHTML") != before)
    driver.find_element(By.ID, "add-setting").click()
    run_job(driver, out, "compare-button", "cmp", "compare-report", 1, "comparison", "compared two settings", "the comparison",
            "compare.png")


if __name__ == "__main__":
    main()
