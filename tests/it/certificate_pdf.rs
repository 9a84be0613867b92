//! End-to-end checks with real tools: poppler-utils (pdftotext, pdftoppm,
//! pdffonts, pdfinfo) and zbar-tools (zbarimg). A missing tool fails the test.
//! Every PDF and PNG is kept in `screenshots/certificates/` (git-ignored) for a human to
//! look at.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use courseworx::certificate_pdf::{CertificateView, Labels, render};

const CODE: &str = "7F3A9C0E1B2D4F6A8C0E1B2D4F6A8C0E";
const URL: &str = "https://lms.example/verify/7F3A9C0E1B2D4F6A8C0E1B2D4F6A8C0E";

const EN: Labels<'static> = Labels {
    lang: "en",
    awarded_to: "This certificate is proudly awarded to",
    course: "Course",
    trainer: "Trainer",
    issued_on: "Issued on",
    verification_code: "Verification code",
    scan_to_verify: "Scan to verify",
};

const AR: Labels<'static> = Labels {
    lang: "ar",
    awarded_to: "تُمنح هذه الشهادة إلى",
    course: "الدورة",
    trainer: "المدرّب",
    issued_on: "تاريخ الإصدار",
    verification_code: "رمز التحقق",
    scan_to_verify: "امسح للتحقق",
};

fn latin() -> CertificateView<'static> {
    CertificateView {
        title: "Certificate of Completion",
        body: "for successfully completing all lessons, exercises and the final assessment\nof the course below, with dedication and excellence.",
        learner_name: "Ada Lovelace",
        course_title: "Rust for Trainers",
        trainer_name: "Grace Hopper",
        issued_on: "4 December 2026",
        code: CODE,
        verify_url: URL,
        rtl: false,
        labels: EN,
    }
}

fn arabic() -> CertificateView<'static> {
    CertificateView {
        title: "شهادة إتمام",
        body: "لإتمامه بنجاح جميع الدروس والتمارين والاختبار النهائي للدورة التالية\nبكل جدّ وتميّز، بتاريخ 4 ديسمبر 2026.",
        learner_name: "مريم الحسيني",
        course_title: "مقدمة في البرمجة",
        trainer_name: "خالد المنصوري",
        issued_on: "٤ ديسمبر ٢٠٢٦",
        code: CODE,
        verify_url: URL,
        rtl: true,
        labels: AR,
    }
}

pub(crate) fn out_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("screenshots/certificates");
    std::fs::create_dir_all(&dir).expect("create out/");
    dir
}

/// Renders `view` to out/NAME.pdf and returns the path.
fn render_to(name: &str, view: &CertificateView) -> PathBuf {
    let pdf = render(view).expect("render");
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let path = out_dir().join(format!("{name}.pdf"));
    std::fs::write(&path, pdf).expect("write pdf");
    path
}

/// Runs a tool; a missing tool or a failing run fails the test loudly.
fn run(tool: &str, package: &str, args: &[&str]) -> Output {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("cannot run `{tool}` ({e}); install it with `apt-get install -y {package}`")
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}\n{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

pub(crate) fn pdftotext(pdf: &Path) -> String {
    let out = run(
        "pdftotext",
        "poppler-utils",
        &["-layout", pdf.to_str().unwrap(), "-"],
    );
    String::from_utf8(out.stdout).expect("pdftotext output is UTF-8")
}

/// Rasterises page 1 at 150 dpi to `<pdf stem>.png` and decodes the QR code.
pub(crate) fn scan_qr(pdf: &Path) -> String {
    let png_base = pdf.with_extension("");
    let base = png_base.to_str().unwrap();
    run(
        "pdftoppm",
        "poppler-utils",
        &[
            "-r",
            "150",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            pdf.to_str().unwrap(),
            base,
        ],
    );
    let out = run(
        "zbarimg",
        "zbar-tools",
        &["--raw", "-q", &format!("{base}.png")],
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end_matches('\n')
        .to_owned()
}

#[test]
fn latin_certificate_text_fonts_and_metadata() {
    let pdf = render_to("latin", &latin());
    let text = pdftotext(&pdf);
    println!("--- pdftotext -layout (latin) ---\n{text}");
    for needle in [
        "Ada Lovelace",
        "Rust for Trainers",
        CODE,
        "Certificate of Completion",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }

    // Every font must be embedded, or the certificate depends on the viewer.
    let fonts = run("pdffonts", "poppler-utils", &[pdf.to_str().unwrap()]);
    let fonts = String::from_utf8_lossy(&fonts.stdout);
    println!("{fonts}");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "no fonts in PDF:\n{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni object ID
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "font not embedded: {row}");
    }

    let info = run("pdfinfo", "poppler-utils", &[pdf.to_str().unwrap()]);
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.contains("Certificate of Completion – Ada Lovelace"),
        "title metadata missing:\n{info}"
    );
    assert!(
        info.contains("841.89 x 595.28"),
        "not landscape A4:\n{info}"
    );
    let bytes = std::fs::read(&pdf).unwrap();
    // krilla writes the catalog's /Lang uncompressed.
    assert!(
        bytes.windows(9).any(|w| w == b"/Lang(en)"),
        "no /Lang(en) in the catalog"
    );
}

#[test]
fn arabic_certificate_text_is_logical() {
    let pdf = render_to("arabic", &arabic());
    let text = pdftotext(&pdf);
    println!("--- pdftotext -layout (arabic) ---\n{text}");
    for needle in ["مريم الحسيني", "مقدمة في البرمجة", "شهادة إتمام", CODE]
    {
        assert!(text.contains(needle), "missing {needle:?} in:\n{text}");
    }
}

#[test]
fn qr_code_decodes_to_verify_url() {
    for (name, view) in [("latin", latin()), ("arabic", arabic())] {
        let pdf = render_to(&format!("qr-{name}"), &view);
        assert_eq!(scan_qr(&pdf), URL, "{name}");
    }
}

#[test]
fn extreme_inputs_render_valid_pdfs() {
    let long_name = "Ada Augusta King Lovelace ".repeat(12);
    let long_name = &long_name[..300];
    let long_body = "word ".repeat(400);
    let empty = Labels {
        lang: "",
        awarded_to: "",
        course: "",
        trainer: "",
        issued_on: "",
        verification_code: "",
        scan_to_verify: "",
    };
    let cases = [
        (
            "long-name",
            CertificateView {
                learner_name: long_name,
                body: &long_body,
                ..latin()
            },
        ),
        (
            "long-name-rtl",
            CertificateView {
                learner_name: long_name,
                course_title: &long_body,
                ..arabic()
            },
        ),
        (
            "empty",
            CertificateView {
                title: "",
                body: "",
                learner_name: "",
                course_title: "",
                trainer_name: "",
                issued_on: "",
                code: "",
                verify_url: "",
                rtl: false,
                labels: empty,
            },
        ),
        (
            "controls",
            CertificateView {
                learner_name: "a\u{0}b\r\n\u{2029}\u{202E}مريم\u{202C} 42 \t(x)",
                body: "\n\n\u{85}\r\n",
                ..arabic()
            },
        ),
    ];
    for (name, view) in cases {
        let pdf = render_to(&format!("extreme-{name}"), &view);
        pdftotext(&pdf); // asserts exit status 0
    }
    // Odd text must not panic the bidi, script-run or shaping code.
    let tricky = [
        "\u{2067}\u{2069}\u{2068}",
        "\u{0651}\u{064F}",
        "ـــ",
        "(((مريم]]",
        "👩‍🎓 李小龙 Ωμέγα",
        "\u{202B}\u{202D}x\u{202C}",
        "\u{FEFF}\u{200D}",
        " ",
    ];
    for (i, t) in tricky.iter().enumerate() {
        for rtl in [false, true] {
            let view = CertificateView {
                learner_name: t,
                course_title: t,
                body: t,
                rtl,
                ..latin()
            };
            let pdf = render(&view).unwrap_or_else(|e| panic!("{t:?}: {e}"));
            assert!(pdf.starts_with(b"%PDF-"), "case {i}");
        }
    }
    let text = pdftotext(&out_dir().join("extreme-long-name.pdf"));
    assert!(text.contains("Ada Augusta"), "long name missing:\n{text}");
}

#[test]
fn oversized_url_is_an_error_not_a_panic() {
    let url = "x".repeat(10_000);
    let view = CertificateView {
        verify_url: &url,
        ..latin()
    };
    assert!(render(&view).is_err());
}

#[test]
fn mixed_scripts_render_and_extract() {
    let view = CertificateView {
        learner_name: "Ada Lovelace, Jr.",
        course_title: "مقدمة في Rust 2024 للمدرّبين",
        trainer_name: "Grace Hopper",
        ..arabic()
    };
    let pdf = render_to("mixed-rtl", &view);
    let text = pdftotext(&pdf);
    println!("--- pdftotext -layout (mixed, rtl page) ---\n{text}");
    assert!(text.contains("Ada Lovelace, Jr."), "{text}");
    assert_eq!(scan_qr(&pdf), URL);

    let view = CertificateView {
        learner_name: "Maryam مريم الحسيني",
        course_title: "Rust for Trainers (مقدمة في البرمجة)",
        ..latin()
    };
    let pdf = render_to("mixed-ltr", &view);
    let text = pdftotext(&pdf);
    println!("--- pdftotext -layout (mixed, ltr page) ---\n{text}");
    assert!(text.contains("مريم الحسيني"), "{text}");
}

/// The caller runs `render` on a blocking pool and may return its error
/// across threads.
#[test]
fn render_is_usable_from_worker_threads() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<courseworx::certificate_pdf::CertificateError>();
    let handle = std::thread::spawn(|| render(&latin()).map(|pdf| pdf.len()));
    assert!(handle.join().unwrap().unwrap() > 1000);
}
