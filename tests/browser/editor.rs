//! The course editor in a real browser: a trainer opens an existing course's outline, adds
//! two sections, a video (a real MP4 uploaded with its progress bar), a PDF, an article
//! (previewed first), a quiz with one question of each of the four types, and a
//! certificate; then moves a content with the keyboard's move buttons and a section by
//! dragging, and the outline shows the new order. Every page is checked (axe, no sideways
//! scrolling) and photographed, in English and Arabic, at 1280 and 360 px.

use serde_json::{Value, json};

use crate::fixtures::{CourseBuilder, PASSWORD, UserBuilder};
use crate::harness::{Browser, Site};

/// An MP4 of `n` bytes: an `ftyp` box, then filler (as the integration tests make it).
fn mp4(n: usize) -> Vec<u8> {
    let mut bytes = vec![0, 0, 0, 0x18];
    bytes.extend_from_slice(b"ftypisom\0\0\x02\0isomiso2");
    bytes.extend((bytes.len()..n).map(|i| (i % 251) as u8));
    bytes
}

fn pdf(n: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    bytes.extend((bytes.len()..n).map(|i| b'a' + (i % 26) as u8));
    bytes
}

async fn js(b: &Browser, script: &str, args: Vec<Value>) -> Value {
    b.client.execute(script, args).await.unwrap()
}

/// Clicks a submit button and waits until the next page has replaced this one.
async fn submit(b: &Browser, css: &str) {
    js(
        b,
        "document.documentElement.dataset.before = 'yes'; return true;",
        vec![],
    )
    .await;
    b.click(css).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let old = js(
            b,
            "return document.readyState !== 'complete' || document.documentElement.dataset.before === 'yes';",
            vec![],
        )
        .await;
        if old == json!(false) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{css} led nowhere");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// The whole page, one window at a time, for people to look at:
/// `screenshots/<scenario>-pages/<label>-<n>.png`.
async fn whole_page(b: &Browser, scenario: &str, label: &str) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("screenshots")
        .join(format!("{scenario}-pages"));
    std::fs::create_dir_all(&dir).unwrap();
    let height = js(
        b,
        "return [document.documentElement.scrollHeight, window.innerHeight];",
        vec![],
    )
    .await;
    let (total, window) = (
        height[0].as_u64().unwrap_or(0),
        height[1].as_u64().unwrap_or(1).max(1),
    );
    let mut n = 0;
    let mut top = 0;
    while top < total && n < 8 {
        js(
            b,
            "window.scrollTo(0, arguments[0]); return true;",
            vec![json!(top)],
        )
        .await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        let png = b.client.screenshot().await.unwrap();
        std::fs::write(dir.join(format!("{label}-{n}.png")), png).unwrap();
        n += 1;
        top += window;
    }
    js(b, "window.scrollTo(0, 0); return true;", vec![]).await;
}

/// Waits until the address is a content's editor (after the type picker), and returns it.
async fn wait_for_editor(b: &Browser) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let path = b.path().await;
        if path.starts_with("/teach/contents/")
            && b.client
                .find(fantoccini::Locator::Css("#content-form"))
                .await
                .is_ok()
        {
            return path;
        }
        assert!(std::time::Instant::now() < deadline, "no editor: {path}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Adds a content from the outline's type picker; answers its editor's path.
async fn add_content(b: &Browser, outline: &str, kind: &str, title: &str, section: &str) -> String {
    b.goto(outline).await;
    b.click(&format!("label[for='new-type-{kind}']")).await;
    b.fill("#new-content-title", title).await;
    b.find("#new-content-section")
        .await
        .select_by_label(section)
        .await
        .unwrap();
    submit(b, "#add-content-submit").await;
    wait_for_editor(b).await
}

async fn add_section(b: &Browser, outline: &str, title: &str) {
    b.goto(outline).await;
    b.fill("#section-title", title).await;
    submit(b, "#add-section-submit").await;
    b.wait_for_text(".outline", title).await;
}

/// Ticks "Published" and saves the content form.
async fn publish(b: &Browser) {
    let ticked = js(
        b,
        "return document.getElementById('content-published').checked;",
        vec![],
    )
    .await;
    if ticked != json!(true) {
        b.click("label[for='content-published']").await;
    }
    submit(b, "#content-submit").await;
    let published = js(
        b,
        "return document.getElementById('content-published').checked;",
        vec![],
    )
    .await;
    assert_eq!(published, json!(true), "saved as published");
}

/// Adds one question through its form, from the quiz's editor.
async fn add_question(b: &Browser, quiz: &str, kind: &str, fill: &[(&str, &str)], click: &[&str]) {
    b.goto(quiz).await;
    submit(b, &format!("#add-question-{kind}")).await;
    b.find("#question-form").await;
    for (css, text) in fill {
        b.fill(css, text).await;
    }
    for css in click {
        b.click(css).await;
    }
    submit(b, "#question-submit").await;
    b.find(".question-list").await;
}

/// The titles of the outline's items under each section, in the page's order.
async fn outline_titles(b: &Browser) -> Value {
    js(
        b,
        "return Array.from(document.querySelectorAll('.outline-section')).map(s =>
           [s.querySelector('.outline-section__title').textContent.trim(),
            Array.from(s.querySelectorAll('.outline-item__title')).map(a => a.textContent.trim())]);",
        vec![],
    )
    .await
}

async fn editor_journey(lang: &str, width: u32, height: u32) {
    let site = Site::start().await;
    let trainer = UserBuilder::trainer()
        .named("Karim", "Nassar")
        .create(&site.app)
        .await;
    let course = CourseBuilder::new(&trainer)
        .title("Workplace safety")
        .published()
        .create(&site.app)
        .await;
    let files = tempfile::tempdir().unwrap();
    let video = files.path().join("welcome.mp4");
    std::fs::write(&video, mp4(256 * 1024)).unwrap();
    let captions = files.path().join("welcome.vtt");
    std::fs::write(
        &captions,
        "WEBVTT\n\n00:00.000 --> 00:03.000\nWelcome to the course.\n",
    )
    .unwrap();
    let handbook = files.path().join("handbook.pdf");
    std::fs::write(&handbook, pdf(8 * 1024)).unwrap();
    let device = if width <= 400 { "phone" } else { "desktop" };
    let scenario = format!("editor-{lang}-{device}");
    let mut browser = Browser::start_in(&scenario, lang, width, height).await;
    let b = &mut browser;

    b.goto(&site.url("/login")).await;
    b.fill("#login-email", &trainer.email).await;
    b.fill("#login-password", PASSWORD).await;
    b.click("form[action='/login'] button[type='submit']").await;
    b.wait_for_path("/").await;

    let outline = site.url(&format!("/teach/courses/{}/outline", course.id));
    b.goto(&outline).await;
    b.check("outline-empty").await;

    // Two sections.
    add_section(b, &outline, "Getting started").await;
    add_section(b, &outline, "Practice").await;

    // A video: a real MP4, uploaded with the progress bar (the page's script).
    add_content(b, &outline, "video", "Welcome video", "Getting started").await;
    b.check("video-new").await;
    // A PDF is not a video: refused on the form (415), the page's address unchanged.
    let editor = b.path().await;
    b.find("#content-file")
        .await
        .send_keys(&handbook.display().to_string())
        .await
        .unwrap();
    b.click("#upload-submit").await;
    b.find("#content-file-error").await;
    assert_eq!(b.path().await, editor);
    b.check("video-wrong-type").await;
    b.find("#content-file")
        .await
        .send_keys(&video.display().to_string())
        .await
        .unwrap();
    b.click("#upload-submit").await;
    b.find("#content-file-summary").await;
    b.wait_for_text("#content-file-summary", "welcome.mp4")
        .await;
    let playable = js(
        b,
        "const v = document.getElementById('content-video'); return v && v.src.endsWith('/file');",
        vec![],
    )
    .await;
    assert_eq!(playable, json!(true));
    // Its captions, with their language.
    b.fill("#captions-language", "en").await;
    b.find("#content-captions")
        .await
        .send_keys(&captions.display().to_string())
        .await
        .unwrap();
    submit(b, "#captions-submit").await;
    b.wait_for_text("#captions-summary", "en").await;
    let tracks = js(
        b,
        "return document.querySelectorAll('#content-video track[kind=captions]').length;",
        vec![],
    )
    .await;
    assert_eq!(tracks, json!(1));
    b.check("video-captions").await;
    publish(b).await;
    b.check("video-uploaded").await;
    whole_page(b, &scenario, "video").await;

    // A PDF.
    add_content(
        b,
        &outline,
        "document",
        "Safety handbook",
        "Getting started",
    )
    .await;
    b.find("#content-file")
        .await
        .send_keys(&handbook.display().to_string())
        .await
        .unwrap();
    b.click("#upload-submit").await;
    b.wait_for_text("#content-file-summary", "handbook.pdf")
        .await;
    publish(b).await;

    // An article, previewed before it is saved.
    add_content(b, &outline, "article", "Reading", "Practice").await;
    b.fill(
        "#article-content",
        "# Before you start\n\nWear **gloves** and read the [rules](https://example.org).\n\n<script>alert(1)</script>",
    )
    .await;
    submit(b, "#content-preview").await;
    b.wait_for_text("#preview", "Before you start").await;
    let scripts = js(
        b,
        "return document.querySelectorAll('#preview script').length;",
        vec![],
    )
    .await;
    assert_eq!(scripts, json!(0));
    b.check("article-preview").await;
    publish(b).await;

    // A quiz with one question of each type.
    let quiz = add_content(b, &outline, "quiz", "Final check", "Practice").await;
    let quiz = site.url(&quiz);
    b.check("quiz-empty").await;
    add_question(
        b,
        &quiz,
        "single_choice",
        &[
            ("#question-text", "Which colour is a fire exit sign?"),
            ("#option-0", "Red"),
            ("#option-1", "Green"),
            (
                "#question-explanation",
                "Exit signs are green in most countries.",
            ),
        ],
        &["label[for='correct-1']"],
    )
    .await;
    add_question(
        b,
        &quiz,
        "multiple_choice",
        &[
            ("#question-text", "Which of these are protective equipment?"),
            ("#option-0", "Gloves"),
            ("#option-1", "Goggles"),
            ("#option-2", "Sandals"),
        ],
        &["label[for='correct-0']", "label[for='correct-1']"],
    )
    .await;
    add_question(
        b,
        &quiz,
        "true_false",
        &[("#question-text", "You may block a fire exit for a minute.")],
        &["label[for='answer-false']"],
    )
    .await;
    b.goto(&format!("{quiz}/questions?type=text")).await;
    b.check("question-form-text").await;
    add_question(
        b,
        &quiz,
        "text",
        &[
            ("#question-text", "What number do you call in an emergency?"),
            ("#question-accepted", "112 | 911"),
        ],
        &[],
    )
    .await;
    let cards = js(
        b,
        "return document.querySelectorAll('.question-card').length;",
        vec![],
    )
    .await;
    assert_eq!(cards, json!(4));
    let correct = js(
        b,
        "return document.querySelectorAll('.option--correct').length;",
        vec![],
    )
    .await;
    assert_eq!(
        correct,
        json!(4),
        "1 + 2 choice options, and the true/false answer"
    );
    js(b, "window.scrollTo(0, 0); return true;", vec![]).await;
    b.check("quiz-editor").await;
    whole_page(b, &scenario, "quiz-editor").await;
    b.goto(&format!("{quiz}/questions?type=multiple_choice"))
        .await;
    b.check("question-form-choice").await;
    whole_page(b, &scenario, "question-form-choice").await;

    // A certificate.
    add_content(b, &outline, "certificate", "Certificate", "Practice").await;
    b.find("#certificate-placeholders").await;
    b.check("certificate").await;

    // The outline, then a move with the keyboard: the handbook goes up.
    b.goto(&outline).await;
    b.check("outline").await;
    whole_page(b, &scenario, "outline").await;
    assert_eq!(
        outline_titles(b).await,
        json!([
            ["Getting started", ["Welcome video", "Safety handbook"]],
            ["Practice", ["Reading", "Final check", "Certificate"]]
        ])
    );
    let handbook_id = js(
        b,
        "return Array.from(document.querySelectorAll('.outline-item')).find(li =>
           li.querySelector('.outline-item__title').textContent.trim() === 'Safety handbook').dataset.id;",
        vec![],
    )
    .await;
    let handbook_id = handbook_id.as_str().unwrap().to_owned();
    b.tab_to(&format!("#content-up-{handbook_id}")).await;
    b.press_enter().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while outline_titles(b).await[0][1][0] != json!("Safety handbook") {
        assert!(
            std::time::Instant::now() < deadline,
            "the handbook never moved up"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    b.check("outline-reordered").await;

    // With a mouse: "Practice" is dragged above "Getting started" (the drag script posts
    // the same order form). The keyboard step's message is taken away first, so that the
    // wait below is for the drag's own answer, not an earlier one.
    js(
        b,
        "document.querySelectorAll('.flash').forEach(f => f.remove());
         const list = document.querySelector('[data-reorder=sections]');
         const [first, second] = list.children;
         const handle = second.querySelector('.drag-handle');
         handle.dispatchEvent(new MouseEvent('mousedown', {bubbles: true}));
         const data = new DataTransfer();
         second.dispatchEvent(new DragEvent('dragstart', {bubbles: true, dataTransfer: data}));
         const box = first.getBoundingClientRect();
         first.dispatchEvent(new DragEvent('dragover', {bubbles: true, cancelable: true, dataTransfer: data, clientY: box.top + 2}));
         first.dispatchEvent(new DragEvent('drop', {bubbles: true, cancelable: true, dataTransfer: data}));
         second.dispatchEvent(new DragEvent('dragend', {bubbles: true, dataTransfer: data}));
         return true;",
        vec![],
    )
    .await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let titles = outline_titles(b).await;
        let flash = js(
            b,
            "const f = document.querySelector('.flash'); return f ? f.textContent : '';",
            vec![],
        )
        .await;
        if titles[0][0] == json!("Practice") && flash.as_str().is_some_and(|f| !f.is_empty()) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the drag did not reorder: {titles}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The server has the new order: a fresh load shows it.
    b.goto(&outline).await;
    assert_eq!(
        outline_titles(b).await,
        json!([
            ["Practice", ["Reading", "Final check", "Certificate"]],
            ["Getting started", ["Safety handbook", "Welcome video"]]
        ])
    );
    b.check("outline-dragged").await;

    // Signed out, a visitor finds the course and reads its outline: the published
    // lessons in the new order, no draft.
    b.click(".user-menu summary").await;
    b.click("form[action='/logout'] button[type='submit']")
        .await;
    b.wait_for_path("/login").await;
    b.goto(&site.url("/courses")).await;
    b.wait_for_text("#course-grid", "Workplace safety").await;
    b.check("visitor-catalogue").await;
    b.goto(&site.url(&format!("/courses/{}", course.id))).await;
    b.find("#course-outline").await;
    let outline = b.text("#course-outline").await;
    let at = |needle: &str| {
        outline
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in the outline: {outline}"))
    };
    assert!(at("Practice") < at("Reading"), "{outline}");
    assert!(at("Reading") < at("Getting started"), "{outline}");
    assert!(at("Safety handbook") < at("Welcome video"), "{outline}");
    assert!(!outline.contains("Final check"), "a draft quiz: {outline}");
    scroll_to_outline(b).await;
    b.check("visitor-course-page").await;
    browser.close().await;
}

async fn scroll_to_outline(b: &Browser) {
    js(
        b,
        "document.getElementById('course-outline').scrollIntoView(); return true;",
        vec![],
    )
    .await;
}

#[tokio::test]
async fn editor_english_desktop() {
    editor_journey("en", 1280, 900).await;
}

#[tokio::test]
async fn editor_english_phone() {
    editor_journey("en", 360, 780).await;
}

#[tokio::test]
async fn editor_arabic_desktop() {
    editor_journey("ar", 1280, 900).await;
}

#[tokio::test]
async fn editor_arabic_phone() {
    editor_journey("ar", 360, 780).await;
}
