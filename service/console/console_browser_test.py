#!/usr/bin/python3
"""The analyst console in a real browser: headless Chromium (Debian's chromium and
chromium-driver, driven by python3-selenium) against a real ringd with --console on loopback over
a generated store. It logs in, opens the queue, opens the top ring, counts the graph's nodes in the
page, labels the ring benign and finds the label in `ringctl explain`; it checks that an account
named "<script>" shows as text, that nothing is loaded from outside ringd, and that the page logs no
error (a Content-Security-Policy refusal would be one). It writes screenshots of the queue and of a
ring page and prints how long the queue and the ring page took.

Usage (ctest runs it): console_browser_test.py BINARY_DIR
  RINGGRAPH_CONSOLE_ACCOUNTS   population size (default 3000; the README's timings use 100000)
  RINGGRAPH_CONSOLE_RING_SCALE `ringctl gen --ring-size-scale` (default 1; the README's 400-member
                               ring comes from 100000 accounts at 2.5)
  RINGGRAPH_SCREENSHOT_DIR     where the screenshots go (default BINARY_DIR/console-screenshots)
Exits 77 (ctest: skipped) when Chromium, its driver or Selenium is not installed.
"""
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse

BINARY_DIR = sys.argv.pop(1) if len(sys.argv) > 1 else os.environ.get("RINGGRAPH_BINARY_DIR", "build")
RINGCTL = os.path.join(BINARY_DIR, "tools", "ringctl")
RINGD = os.path.join(BINARY_DIR, "service", "ringd")
CHROMIUM = shutil.which("chromium")
CHROMEDRIVER = shutil.which("chromedriver")
ACCOUNTS = int(os.environ.get("RINGGRAPH_CONSOLE_ACCOUNTS", "3000"))
RING_SCALE = os.environ.get("RINGGRAPH_CONSOLE_RING_SCALE", "1")
SCREENSHOTS = os.environ.get("RINGGRAPH_SCREENSHOT_DIR", os.path.join(BINARY_DIR, "console-screenshots"))
SCRIPT_ACCOUNT = "<script>alert(1)</script>"

try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None


def run(*args):
    return subprocess.run(args, check=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True).stdout


class ConsoleInABrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="ringd_console_")
        d = cls.tmp.name
        rings = max(5, ACCOUNTS // 2500)
        run(RINGCTL, "gen", "--accounts", str(ACCOUNTS), "--rings", str(rings), "--seed", "7",
            "--ring-size-scale", RING_SCALE, "--out", d + "/pop")
        # An account named as markup, sharing a device with the population.
        with open(d + "/pop/signals.csv") as signals:
            device = next(line for line in signals if line.split(",")[1] == "device")
        with open(d + "/script.csv", "w") as extra:
            extra.write("account,kind,value,ts\n%s,%s" % (SCRIPT_ACCOUNT, device.split(",", 1)[1]))
        store = [RINGCTL, "--data", d + "/data", "--secret-file", d + "/secret"]
        run(*store, "ingest", "--create-secret", "--quiet", d + "/pop/signals.csv")
        run(*store, "ingest", "--quiet", d + "/script.csv")
        run(*store, "detect", "--quiet")
        run(RINGCTL, "token", "new", "--client", "analyst", "--role", "write", "--append",
            d + "/tokens", "--out", d + "/write.token")
        cls.token_file = d + "/write.token"
        with open(cls.token_file) as token:
            cls.token = token.read().strip()
        cls.log = open(d + "/ringd.log", "w")
        cls.ringd = subprocess.Popen(
            [RINGD, "--data", d + "/data", "--secret-file", d + "/secret", "--tokens-file",
             d + "/tokens", "--listen", "127.0.0.1:0", "--metrics", "off", "--detect-at", "off",
             "--console", "127.0.0.1:0", "--port-file", d + "/port"],
            stdout=cls.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        ports = None
        while time.time() < deadline and ports is None:
            if cls.ringd.poll() is not None:
                raise RuntimeError("ringd exited: " + open(d + "/ringd.log").read())
            try:
                with open(d + "/port") as port_file:
                    ports = [int(p) for p in port_file.read().split()]
                if len(ports) < 3:
                    ports = None
            except (OSError, ValueError):
                time.sleep(0.05)
        if ports is None:
            raise RuntimeError("ringd did not start")
        cls.api_port, cls.base = ports[0], "http://127.0.0.1:%d" % ports[2]

        options = Options()
        options.binary_location = CHROMIUM
        for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1400,1100", "--no-first-run", "--disable-extensions"):
            options.add_argument(argument)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        cls.browser = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        cls.browser.set_page_load_timeout(60)
        os.makedirs(SCREENSHOTS, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        cls.ringd.send_signal(signal.SIGTERM)
        code = cls.ringd.wait(timeout=60)
        cls.log.close()
        cls.tmp.cleanup()
        assert code == 0, "ringd exited with %d" % code

    def setUp(self):
        self.browser.get(self.base + "/login")
        self.browser.delete_all_cookies()  # each test logs in itself

    def log_in(self):
        """Logs in on the login form shown, and forgets what the browser logged before."""
        self.browser.find_element(By.ID, "token").send_keys(self.token)
        self.browser.find_element(By.CSS_SELECTOR, "form[action='/login'] button").click()
        # The login form may itself be at /queue (a 401), so wait for the queue page's own body.
        self.wait_for("body[data-page='queue']")
        self.browser.get_log("browser")

    def wait_for(self, css, timeout=30):
        return WebDriverWait(self.browser, timeout).until(
            lambda b: b.find_elements(By.CSS_SELECTOR, css))

    def assert_clean_page(self):
        errors = [e for e in self.browser.get_log("browser") if e["level"] == "SEVERE"]
        self.assertEqual(errors, [])
        resources = self.browser.execute_script(
            "return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
        for resource in resources:
            self.assertTrue(resource.startswith(self.base + "/"), resource)

    def test_review_and_label_a_ring(self):
        b = self.browser
        b.get(self.base + "/queue")
        self.assertIn("Log in", b.title)  # no session: the login form
        self.log_in()

        started = time.time()
        b.get(self.base + "/queue")
        rows = self.wait_for("#queue-table tbody tr")
        queue_seconds = time.time() - started
        self.wait_for("#score-chart rect")
        self.assert_clean_page()
        time.sleep(0.3)
        b.save_screenshot(os.path.join(SCREENSHOTS, "console-queue.png"))
        cluster = rows[0].get_attribute("data-cluster")

        started = time.time()
        b.get(self.base + "/ring?id=" + cluster)
        graph = self.wait_for("#ring-graph")[0]
        drawn = len(b.find_elements(By.CSS_SELECTOR, "#ring-graph .node"))
        ring_seconds = time.time() - started
        self.assertGreater(drawn, 0)
        self.assertEqual(drawn, int(graph.get_attribute("data-nodes")))
        self.wait_for("#factor-chart rect")
        self.assert_clean_page()
        time.sleep(2.5)  # let the force layout settle for the picture
        b.set_window_size(1400, 1500)
        b.save_screenshot(os.path.join(SCREENSHOTS, "console-ring.png"))
        b.set_window_size(1400, 1100)
        members = b.find_element(By.ID, "graph-count").text
        print("console: %d accounts; queue shown in %.0f ms; top ring %s (%s) drawn with %d nodes in %.0f ms"
              % (ACCOUNTS, queue_seconds * 1000, cluster, members, drawn, ring_seconds * 1000))
        self.labelled = cluster
        self.time_largest_ring()
        self.wait_for(".labelbox textarea")

        note = "browser test: a research lab"
        b.find_element(By.CSS_SELECTOR, ".labelbox textarea").send_keys(note)
        b.find_element(By.ID, "label-benign").click()
        WebDriverWait(b, 30).until(lambda d: "saved: benign" in d.find_element(By.CLASS_NAME, "labelbox").text)
        explained = run(RINGCTL, "--remote", "127.0.0.1:%d" % self.api_port, "--token-file",
                        self.token_file, "explain", "--cluster", cluster)
        self.assertIn("label: benign: " + note, explained)

    def time_largest_ring(self):
        b = self.browser
        b.get(self.base + "/queue?sort=size")
        largest = self.wait_for("#queue-table tbody tr")[0].get_attribute("data-cluster")
        started = time.time()
        b.get(self.base + "/ring?id=" + largest)
        self.wait_for("#ring-graph")
        drawn = len(b.find_elements(By.CSS_SELECTOR, "#ring-graph .node"))
        print("console: largest ring %s (%s) drawn with %d nodes in %.0f ms"
              % (largest, b.find_element(By.ID, "graph-count").text, drawn,
                 (time.time() - started) * 1000))
        b.get(self.base + "/ring?id=" + self.labelled)

    def test_an_account_named_script_shows_as_text(self):
        b = self.browser
        b.get(self.base + "/login")
        self.log_in()
        b.get(self.base + "/account?name=" + urllib.parse.quote(SCRIPT_ACCOUNT, safe=""))
        self.wait_for(".card h2")
        self.assertEqual(b.find_element(By.ID, "heading").text, "Account " + SCRIPT_ACCOUNT)
        self.assertEqual(b.find_elements(By.XPATH, "//script[contains(., 'alert(1)')]"), [])
        try:
            b.switch_to.alert
            self.fail("a script ran from an account name")
        except NoAlertPresentException:
            pass
        self.assert_clean_page()


if __name__ == "__main__":
    missing = [name for name, present in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER),
                                          ("python3-selenium", webdriver)) if not present]
    if missing:
        print("console_browser_test: skipped, not installed: " + ", ".join(missing))
        sys.exit(77)
    unittest.main(verbosity=2)
