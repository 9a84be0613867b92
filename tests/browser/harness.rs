//! The browser and the site under test.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::{Value, json};

use crate::helpers::TestApp;

const AXE: &str = include_str!("vendor/axe-4.10.3.min.js");

/// WebDriver's key codes.
const TAB: char = '\u{E004}';
const ENTER: char = '\u{E007}';

/// CourseWorx on a free port of 127.0.0.1, on a fresh database.
pub struct Site {
    pub app: TestApp,
    pub base: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Site {
    pub async fn start() -> Site {
        let app = TestApp::spawn().await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(courseworx::startup::serve(
            listener,
            app.state.clone(),
            async {
                let _ = stopped.await;
            },
        ));
        Site {
            app,
            base,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Headless chromium through chromedriver, with a screenshot folder for one scenario.
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
    pub width: u32,
    shots: PathBuf,
    step: usize,
}

impl Browser {
    /// `scenario` names the screenshot folder: `screenshots/<scenario>/`.
    pub async fn start(scenario: &str, width: u32, height: u32) -> Browser {
        Self::start_in(scenario, "en", width, height).await
    }

    /// A browser whose preferred language is `lang` (its Accept-Language).
    pub async fn start_in(scenario: &str, lang: &str, width: u32, height: u32) -> Browser {
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = free_port();
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_bin}: {e}. Install Debian's chromium and chromium-driver (.ci/run does).")
            });
        let profile = tempfile::tempdir().unwrap();
        let mut caps = serde_json::Map::new();
        let mut options = json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars",
                format!("--user-data-dir={}", profile.path().display()),
                format!("--window-size={width},{height}"),
            ]
        });
        options["prefs"] = json!({"intl.accept_languages": lang});
        // Headless windows have a minimum width above 360 px: emulate the phone's viewport.
        options["mobileEmulation"] = json!({
            "deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.0}
        });
        caps.insert("goog:chromeOptions".into(), options);
        // axe on a long page (the API reference) took over WebDriver's default 30 s for a
        // script when the machine was loaded: a slow check is not a failed one.
        caps.insert(
            "timeouts".into(),
            json!({"script": 180_000, "pageLoad": 180_000}),
        );
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(caps.clone())
                .connect(&url)
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("chromedriver did not accept a session: {e}"),
            }
        };
        let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("screenshots")
            .join(scenario);
        let _ = std::fs::remove_dir_all(&shots);
        std::fs::create_dir_all(&shots).unwrap();
        Browser {
            client,
            driver,
            _profile: profile,
            width,
            shots,
            step: 0,
        }
    }

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
    }

    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self
                .client
                .wait()
                .at_most(left)
                .for_element(Locator::Css(css))
                .await
            {
                Ok(element) => return element,
                // A search that began on the page a form submission is leaving is aborted
                // by the navigation (chromedriver says so): look again on the new page.
                Err(e)
                    if e.to_string().contains("aborted by navigation")
                        && Instant::now() < deadline =>
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("no element {css:?} on {}: {e}", self.path().await),
            }
        }
    }

    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.unwrap();
        field.send_keys(text).await.unwrap();
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap();
    }

    /// The text of the element, read again if the page is replaced under it (a form
    /// submission in flight).
    pub async fn text(&self, css: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.find(css).await.text().await {
                Ok(text) => return text,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                Err(e) => panic!("cannot read {css:?}: {e}"),
            }
        }
    }

    /// Waits until the element's text contains `needle`.
    pub async fn wait_for_text(&self, css: &str, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = self.text(css).await;
            if text.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{css:?} never showed {needle:?} on {}: {text:?}",
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn path(&self) -> String {
        self.client
            .current_url()
            .await
            .map(|u| u.path().to_owned())
            .unwrap_or_default()
    }

    /// Runs axe-core on the page: panics listing every WCAG 2.1 A/AA violation.
    pub async fn assert_accessible(&self, label: &str) {
        self.client
            .execute(&format!("{AXE}\nreturn true;"), vec![])
            .await
            .unwrap();
        let result = self
            .client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document, {runOnly: {type: 'tag',
                     values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                       help: v.help, nodes: v.nodes.map(n => n.target.join(' '))}))))
                   .catch(e => done([{id: 'axe-error', help: String(e), nodes: []}]));",
                vec![],
            )
            .await
            .unwrap();
        let violations = result.as_array().cloned().unwrap_or_default();
        assert!(
            violations.is_empty(),
            "{label} ({}): axe violations:\n{}",
            self.path().await,
            serde_json::to_string_pretty(&Value::Array(violations)).unwrap()
        );
    }

    /// The page lays out at the window's width (it has a viewport meta tag) and is never
    /// wider than it.
    pub async fn assert_no_horizontal_scroll(&self, label: &str) {
        let widths = self
            .client
            .execute(
                "return [document.documentElement.scrollWidth, document.documentElement.clientWidth, window.innerWidth];",
                vec![],
            )
            .await
            .unwrap();
        let scroll = widths[0].as_u64().unwrap_or(0);
        let client = widths[1].as_u64().unwrap_or(0);
        let too_wide = if widths[2].as_u64() == Some(u64::from(self.width)) && scroll <= client {
            Value::Null
        } else {
            // What sticks out, to say where to look.
            self.client
                .execute(
                    "const w = document.documentElement.clientWidth;
                     return [...document.querySelectorAll('body *')]
                       .filter(e => { const r = e.getBoundingClientRect(); return r.right > w + 1 || r.left < -1; })
                       .slice(0, 8)
                       .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().width) + 'px');",
                    vec![],
                )
                .await
                .unwrap_or(Value::Null)
        };
        assert_eq!(
            widths[2].as_u64(),
            Some(u64::from(self.width)),
            "{label}: the page does not lay out at the device width (viewport meta tag?), too wide: {too_wide}"
        );
        assert!(
            scroll <= client,
            "{label} ({}): the page scrolls sideways ({scroll}px > {client}px): {too_wide}",
            self.path().await
        );
    }

    /// Every check of a visited page, then a numbered screenshot.
    pub async fn check(&mut self, label: &str) {
        self.assert_accessible(label).await;
        self.assert_no_horizontal_scroll(label).await;
        self.step += 1;
        let png = self.client.screenshot().await.unwrap();
        let name = format!("{:02}-{}.png", self.step, label.replace([' ', '/'], "-"));
        std::fs::write(self.shots.join(name), png).unwrap();
    }

    /// Presses Tab until the focused element matches `css` (at most 60 times): proves the
    /// element is reachable by keyboard, in focus order.
    pub async fn tab_to(&self, css: &str) {
        for _ in 0..60 {
            let matched = self
                .client
                .execute(
                    "return document.activeElement !== null && document.activeElement.matches(arguments[0]);",
                    vec![json!(css)],
                )
                .await
                .unwrap();
            if matched == json!(true) {
                return;
            }
            self.press(TAB).await;
        }
        panic!(
            "{css:?} cannot be reached with Tab on {}",
            self.path().await
        );
    }

    /// Types into the focused element.
    pub async fn type_text(&self, text: &str) {
        self.client
            .active_element()
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap();
    }

    /// Presses the down arrow (the next radio button of a group, checked as it moves).
    pub async fn press_down(&self) {
        self.press('\u{E015}').await;
    }

    /// Presses the space bar (checks the focused radio button or checkbox).
    pub async fn press_space(&self) {
        self.press(' ').await;
    }

    /// Presses Enter on the focused element.
    pub async fn press_enter(&self) {
        self.press(ENTER).await;
    }

    /// Presses one key, as the keyboard does (not typed into an element: a focused file
    /// input would take typed text for a file name).
    async fn press(&self, key: char) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: key })
            .then(KeyAction::Up { value: key });
        self.client.perform_actions(keys).await.unwrap();
    }

    /// Waits until the address bar shows `path` (after a form submission).
    pub async fn wait_for_path(&self, path: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.path().await != path {
            assert!(
                Instant::now() < deadline,
                "expected to reach {path}, still on {}",
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
