//! Articles: stored exactly as the author wrote them (Markdown or HTML) and
//! made safe only when rendered, through one allow-list sanitiser.
//!
//! Why render-time sanitising: the stored text stays the author's own, so a
//! tighter allow-list later applies to every old article without a migration.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, Url, UrlRelative};
use pulldown_cmark::{Options, Parser};

/// How an article's source text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleFormat {
    Markdown,
    Html,
}

impl ArticleFormat {
    /// Reads the stored/submitted name. Case and surrounding spaces are
    /// forgiven because the value may come from a form field.
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("markdown") {
            Some(Self::Markdown)
        } else if s.eq_ignore_ascii_case("html") {
            Some(Self::Html)
        } else {
            None
        }
    }

    /// The name we store; `parse(as_str())` always round-trips.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Markdown => "markdown",
            Self::Html => "html",
        }
    }
}

/// Safe HTML for a page: Markdown is rendered first (tables, strikethrough,
/// task lists, footnotes on), then the result (or the HTML as written) goes
/// through one ammonia allow-list.
pub fn render(source: &str, format: ArticleFormat) -> String {
    match format {
        ArticleFormat::Markdown => sanitize_html(&markdown_to_html(source)),
        ArticleFormat::Html => sanitize_html(source),
    }
}

/// The sanitised form of HTML the author sent. On write we store the HTML as
/// written but compare it with this to tell the author what would be removed.
pub fn sanitize_html(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

/// Markdown to (unsafe) HTML. Raw HTML inside Markdown passes through here on
/// purpose: the sanitiser that always follows is the single place of policy.
fn markdown_to_html(source: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES;
    let mut html = String::with_capacity(source.len() + source.len() / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(source, options));
    html
}

/// Element ids get this prefix (and in-page `#fragment` links are rewritten to
/// match) so author ids cannot clobber the ids or globals of our own page.
const ID_PREFIX: &str = "user-content-";

/// Every `a` gets this; `nofollow` because article links are user content.
const LINK_REL: &str = "noopener noreferrer nofollow";

/// Built once and shared: the policy never changes while the app runs, and
/// rebuilding its sets for every page would be wasted work.
static SANITIZER: LazyLock<Builder<'static>> = LazyLock::new(build_sanitizer);

fn build_sanitizer() -> Builder<'static> {
    // Start from an empty builder so nothing from ammonia's wider defaults
    // (e.g. `lang` everywhere, `tel:` links) slips in unnoticed.
    let mut builder = Builder::empty();
    builder
        .tags(allowed_tags())
        .clean_content_tags(removed_with_content())
        .generic_attributes(HashSet::new())
        .tag_attributes(allowed_attributes())
        .set_tag_attribute_values(forced_attributes())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .url_relative(UrlRelative::PassThrough)
        .link_rel(Some(LINK_REL))
        .id_prefix(Some(ID_PREFIX))
        .strip_comments(true)
        .attribute_filter(filter_attribute);
    builder
}

/// Tags kept (their attributes are still filtered). Anything else is
/// dropped but its text content kept, except for `removed_with_content`.
fn allowed_tags() -> HashSet<&'static str> {
    HashSet::from([
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "p",
        "br",
        "hr",
        "strong",
        "b",
        "em",
        "i",
        "u",
        "s",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "a",
        "img",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "sup",
        "sub",
        "span",
        "div",
        "figure",
        "figcaption",
        "dl",
        "dt",
        "dd",
        "kbd",
        "mark",
        // Only ever as a disabled checkbox: see `forced_attributes`.
        "input",
    ])
}

/// Tags whose whole content goes too: their text is code or foreign markup,
/// never prose worth keeping.
fn removed_with_content() -> HashSet<&'static str> {
    HashSet::from([
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "svg",
        "math", "noscript", "noembed", "noframes", "template", "textarea", "select", "title",
        "xmp",
    ])
}

/// Attributes allowed per tag. No `style`, no `on*`, no `target`, and `class`
/// only on `code` (narrowed to `language-*` by `filter_attribute`).
fn allowed_attributes() -> HashMap<&'static str, HashSet<&'static str>> {
    let mut map = HashMap::from([
        ("a", HashSet::from(["href", "title"])),
        (
            "img",
            HashSet::from(["src", "alt", "title", "width", "height"]),
        ),
        ("ol", HashSet::from(["start"])),
        ("th", HashSet::from(["colspan", "rowspan"])),
        ("td", HashSet::from(["colspan", "rowspan"])),
        ("code", HashSet::from(["class"])),
        ("input", HashSet::from(["checked"])),
        // Footnote definitions are `<div id=..>`; ids are prefixed.
        ("div", HashSet::from(["id"])),
    ]);
    for heading in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        map.insert(heading, HashSet::from(["id"]));
    }
    map
}

/// Any `input` that survives becomes a disabled checkbox whatever it claimed
/// to be, so task lists work and nothing else (text boxes, buttons) can.
fn forced_attributes() -> HashMap<&'static str, HashMap<&'static str, &'static str>> {
    HashMap::from([(
        "input",
        HashMap::from([("type", "checkbox"), ("disabled", "")]),
    )])
}

/// Last, value-level checks that ammonia's per-tag lists cannot express.
/// Runs after ammonia's own scheme check, so values here already use http,
/// https, mailto or are relative.
fn filter_attribute<'u>(element: &str, attribute: &str, value: &'u str) -> Option<Cow<'u, str>> {
    match (element, attribute) {
        ("img", "src") if has_junk(value) => None,
        ("a", "href") if has_junk(value) => None,
        ("img", "src") => image_source(value),
        ("a", "href") => Some(prefix_fragment(value)),
        ("code", "class") => language_classes(value),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// Control characters and U+FFFD (what the parser makes of NUL bytes) never
/// belong in a URL an author typed, and browsers and the `url` crate do not
/// treat them identically: `\u{FFFD}javascript:` is "relative" to `url`.
/// Dropping such URLs removes the guesswork.
fn has_junk(value: &str) -> bool {
    value
        .chars()
        .any(|c| c.is_control() || c == char::REPLACEMENT_CHARACTER)
}

/// Images may load only over http(s) or relative URLs: `mailto:` is allowed
/// for links but makes no sense (and no good) as an image source.
fn image_source(value: &str) -> Option<Cow<'_, str>> {
    match Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Some(Cow::Borrowed(value)),
        Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => Some(Cow::Borrowed(value)),
        _ => None,
    }
}

/// `#name` links point at ids, which carry `ID_PREFIX`; rewrite the link the
/// same way so footnotes and author anchors keep working.
fn prefix_fragment(value: &str) -> Cow<'_, str> {
    match value.strip_prefix('#') {
        Some(name) if !name.starts_with(ID_PREFIX) => Cow::Owned(format!("#{ID_PREFIX}{name}")),
        _ => Cow::Borrowed(value),
    }
}

/// Keeps only `language-*` classes (what Markdown code fences produce, and
/// what syntax highlighters read). Other classes could borrow our page's
/// styling, so they go; an empty result drops the attribute.
fn language_classes(value: &str) -> Option<Cow<'_, str>> {
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|class| is_language_class(class))
        .collect();
    if kept.is_empty() {
        None
    } else {
        Some(Cow::Owned(kept.join(" ")))
    }
}

fn is_language_class(class: &str) -> bool {
    match class.strip_prefix("language-") {
        Some(lang) => {
            !lang.is_empty()
                && lang
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '#' | '.'))
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOTH: [ArticleFormat; 2] = [ArticleFormat::Markdown, ArticleFormat::Html];

    // ---- format names -------------------------------------------------

    #[test]
    fn format_names_round_trip() {
        for format in BOTH {
            assert_eq!(ArticleFormat::parse(format.as_str()), Some(format));
        }
        assert_eq!(ArticleFormat::parse(" HTML "), Some(ArticleFormat::Html));
        assert_eq!(
            ArticleFormat::parse("Markdown"),
            Some(ArticleFormat::Markdown)
        );
        assert_eq!(ArticleFormat::parse(""), None);
        assert_eq!(ArticleFormat::parse("md"), None);
        assert_eq!(ArticleFormat::parse("text/html"), None);
    }

    // ---- XSS vectors ----------------------------------------------------

    /// Filter-evasion vectors in the spirit of the OWASP cheat sheet. Each one
    /// is rendered as Markdown and as HTML.
    const XSS_VECTORS: &[&str] = &[
        // plain script tags
        "<script>alert(1)</script>",
        "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
        "<SCRIPT/XSS SRC=\"http://xss.rocks/xss.js\"></SCRIPT>",
        "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
        "<<script>script>alert(1)<</script>/script>",
        "<scr<script>ipt>alert(1)</script>",
        "<SCRIPT SRC=http://xss.rocks/xss.js?< B >",
        "<script>alert(1)",
        "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\">",
        // event handlers
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=# onmouseover=\"alert('xxs')\">",
        "<IMG SRC= onmouseover=\"alert('xxs')\">",
        "<img src=x:alert(alt) onerror=eval(src) alt=0>",
        "<svg onload=alert(1)>",
        "<svg/onload=alert(1)>",
        "<body onload=alert(1)>",
        "<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(\"XSS\")>",
        "<details open ontoggle=alert(1)>x</details>",
        "<input onfocus=alert(1) autofocus>",
        "<video><source onerror=alert(1)></video>",
        "<audio src=x onerror=alert(1)>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<a href=\"https://example.com\" onclick=\"alert(1)\">x</a>",
        "<div onmouseover=\"alert(1)\">\nraw html block\n</div>",
        "<img src=\"x`onerror=alert(1)\">",
        "<img src=x onerror=alert(1)",
        // javascript: in every spelling
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
        "<a href=\"  javascript:alert(1)\">x</a>",
        "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
        "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
        "<a href=\"jav&#x0D;ascript:alert(1)\">x</a>",
        "<a href=\"jav\tascript:alert(1)\">x</a>",
        "<a href=\"jav\nascript:alert(1)\">x</a>",
        "<a href=\"javas&Tab;cript:alert(1)\">x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<a href=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">x</a>",
        "<a href=\"&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)\">x</a>",
        "<a href=\"javascript&colon;alert(1)\">x</a>",
        "<a href=\"javascript&#58;alert(1)\">x</a>",
        "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
        "<IMG SRC=javascript:alert('XSS')>",
        "<a href=\"\0javascript:alert(1)\">x</a>",
        "<a href=\"javascript:alert(1)\" target=\"_blank\">x</a>",
        "<a href=\"javascript:alert(1)\"",
        // other schemes
        "<a href=\"vbscript:msgbox(1)\">x</a>",
        "<a href=\"VBScript:msgbox(1)\">x</a>",
        "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
        "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<img src=\"mailto:a@example.com\">",
        // embedding and document-level tags
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<iframe src=http://xss.rocks/scriptlet.html <",
        "<object data=\"javascript:alert(1)\"></object>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<embed src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
        "<svg><script>alert(1)</script></svg>",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<math href=\"javascript:alert(1)\">x</math>",
        "<style>@import 'http://xss.rocks/xss.css';</style>",
        "<link rel=\"stylesheet\" href=\"javascript:alert(1)\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"javascript:alert(1)//\">",
        "<form action=\"javascript:alert(1)\"><input type=\"submit\"></form>",
        "<button formaction=\"javascript:alert(1)\">x</button>",
        "<input type=\"image\" src=\"javascript:alert(1)\">",
        "<isindex action=\"javascript:alert(1)\" type=\"image\">",
        "<template><script>alert(1)</script></template>",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<xmp><img src=x onerror=alert(1)></xmp>",
        "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
        // styles
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "<p style=\"x:expression(alert(1))\">x</p>",
        "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
        "<span class=\"admin\" style=\"position:fixed\">x</span>",
        // null bytes and nesting
        "<scr\0ipt>alert(1)</scr\0ipt>",
        "<img src=x on\0error=alert(1)>",
        "<div><p><a href=\"javascript:alert(1)\"><b>unclosed",
        "<a href=\"https://ok.example\"><iframe src=\"javascript:alert(1)\">",
        // Markdown-specific vectors
        "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](&#106;avascript:alert(1))",
        "[x](java&#x09;script:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](vbscript:msgbox(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "<javascript:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html,<script>alert(1)</script>>",
        "![x](javascript:alert(1))",
        "![x](x\" onerror=\"alert(1))",
        "![x](https://example.com/a.png \"t\\\" onerror=\\\"alert(1)\")",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<div>\n\n[x](javascript:alert(1))\n\n</div>",
        "Text <img src=x onerror=alert(1)> inline",
        "```html\n<script>alert(1)</script>\n```",
        "```\"><script>alert(1)</script>\nx\n```",
        "- [x] <img src=x onerror=alert(1)>",
        "| a |\n|---|\n| <script>alert(1)</script> |",
        "x[^1]\n\n[^1]: <a href=\"javascript:alert(1)\">y</a>",
    ];

    /// Strings that must never open a tag anywhere in the output. Text is
    /// escaped (`<` becomes `&lt;`), so any hit here is a real element.
    const FORBIDDEN_TAGS: &[&str] = &[
        "<script", "<style", "<iframe", "<svg", "<math", "<object", "<embed", "<form", "<base",
        "<meta", "<link",
    ];

    /// Strings that must never appear inside a tag (attribute names or
    /// values). In escaped text they are inert words, e.g. the visible text of
    /// a Markdown autolink `<javascript:alert(1)>`, so text is not checked.
    const FORBIDDEN_IN_TAGS: &[&str] = &["javascript:", "vbscript:", "data:", "style="];

    /// The markup of each tag in `html` (from `<` to `>`), honouring double
    /// quotes, which is how ammonia serialises every attribute value.
    fn tags_of(html: &str) -> Vec<String> {
        let mut tags = Vec::new();
        let mut current: Option<String> = None;
        let mut in_quotes = false;
        for c in html.chars() {
            match current.as_mut() {
                None if c == '<' => current = Some(String::from('<')),
                None => {}
                Some(tag) => {
                    tag.push(c);
                    if c == '"' {
                        in_quotes = !in_quotes;
                    } else if c == '>' && !in_quotes {
                        tags.extend(current.take());
                    }
                }
            }
        }
        // An unterminated tag is still markup to check.
        tags.extend(current);
        tags
    }

    /// Attribute names of one tag: remove quoted values, then every
    /// whitespace-separated word is `name` or `name=`.
    fn attribute_names(tag: &str) -> Vec<String> {
        let mut unquoted = String::new();
        let mut in_quotes = false;
        for c in tag.chars() {
            if c == '"' {
                in_quotes = !in_quotes;
            } else if !in_quotes {
                unquoted.push(c);
            }
        }
        let inner = unquoted.trim_start_matches('<').trim_end_matches('>');
        inner
            .split_whitespace()
            .skip(1) // the tag name
            .map(|word| word.split('=').next().unwrap_or("").trim_end_matches('/'))
            .filter(|name| !name.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    }

    fn is_event_handler(name: &str) -> bool {
        match name.strip_prefix("on") {
            Some(rest) => !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphabetic()),
            None => false,
        }
    }

    /// All problems found in one rendered output; empty means safe.
    fn problems(output: &str) -> Vec<String> {
        let lower = output.to_ascii_lowercase();
        let mut found = Vec::new();
        for needle in FORBIDDEN_TAGS {
            if lower.contains(needle) {
                found.push(format!("contains {needle}"));
            }
        }
        for tag in tags_of(&lower) {
            for needle in FORBIDDEN_IN_TAGS {
                if tag.contains(needle) {
                    found.push(format!("tag {tag} contains {needle}"));
                }
            }
            for name in attribute_names(&tag) {
                if is_event_handler(&name) || name == "style" || name == "target" {
                    found.push(format!("tag {tag} has attribute {name}"));
                }
            }
        }
        found
    }

    #[test]
    fn xss_vector_table_is_large_enough() {
        assert!(XSS_VECTORS.len() >= 40, "{} vectors", XSS_VECTORS.len());
    }

    #[test]
    fn xss_vectors_are_neutralised_in_both_formats() {
        let mut failures = Vec::new();
        for vector in XSS_VECTORS {
            for format in BOTH {
                let output = render(vector, format);
                let found = problems(&output);
                if !found.is_empty() {
                    failures.push(format!(
                        "{} {vector:?}\n  -> {output:?}\n  {found:?}",
                        format.as_str()
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    #[test]
    fn sanitize_html_neutralises_every_vector_too() {
        for vector in XSS_VECTORS {
            let output = sanitize_html(vector);
            assert!(problems(&output).is_empty(), "{vector:?} -> {output:?}");
        }
    }

    // The checker itself must catch what it claims to catch, or the table
    // above proves nothing.
    #[test]
    fn checker_flags_unsafe_markup() {
        assert!(!problems("<SCRIPT>x</SCRIPT>").is_empty());
        assert!(!problems("<a href=\"JavaScript:x\">y</a>").is_empty());
        assert!(!problems("<img src=\"x\" onerror=\"y\">").is_empty());
        assert!(!problems("<img src=x ONLOAD=y>").is_empty());
        assert!(!problems("<p style=\"color:red\">x</p>").is_empty());
        assert!(!problems("<a href=\"/\" target=\"_blank\">x</a>").is_empty());
        assert!(!problems("<img src=\"data:image/png;base64,AA\">").is_empty());
        assert!(!problems("<a href=\"vbscript:x\"").is_empty());
    }

    #[test]
    fn checker_accepts_inert_text_and_values() {
        assert!(problems("<p>javascript: is a word; so is data: here</p>").is_empty());
        assert!(problems("<img src=\"onmouseover=&quot;x&quot;\">").is_empty());
        assert!(problems("<a href=\"/\" rel=\"noopener\">online</a>").is_empty());
    }

    // ---- specific sanitiser behaviour ------------------------------------

    #[test]
    fn javascript_link_keeps_text_but_loses_href() {
        for format in BOTH {
            let out = render("<a href=\"jav&#x09;ascript:alert(1)\">click</a>", format);
            assert!(out.contains(">click</a>"), "{out}");
            assert!(!out.contains("href"), "{out}");
        }
        let out = render("[click](javascript:alert(1))", ArticleFormat::Markdown);
        assert_eq!(
            out,
            "<p><a rel=\"noopener noreferrer nofollow\">click</a></p>\n"
        );
    }

    #[test]
    fn links_get_rel_and_lose_target() {
        let out =
            sanitize_html("<a href=\"https://example.com\" target=\"_blank\" rel=\"opener\">x</a>");
        assert_eq!(
            out,
            "<a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">x</a>"
        );
    }

    #[test]
    fn mailto_and_relative_links_are_allowed() {
        let out =
            sanitize_html("<a href=\"mailto:a@example.com\">m</a><a href=\"/courses/1\">r</a>");
        assert!(out.contains("href=\"mailto:a@example.com\""), "{out}");
        assert!(out.contains("href=\"/courses/1\""), "{out}");
    }

    #[test]
    fn urls_with_control_characters_are_dropped() {
        for href in [
            "\0/x",
            "/a\u{1}b",
            "/a\u{7f}",
            "\u{fffd}javascript:alert(1)",
            "/x\ty",
        ] {
            let out = sanitize_html(&format!("<a href=\"{href}\">x</a><img src=\"{href}\">"));
            assert!(!out.contains("href"), "{href:?} -> {out}");
            assert!(!out.contains("src"), "{href:?} -> {out}");
        }
        // Non-ASCII text is fine in a relative URL.
        assert!(sanitize_html("<a href=\"/دورات\">x</a>").contains("href=\"/دورات\""));
    }

    #[test]
    fn other_schemes_are_dropped() {
        for href in ["ftp://example.com", "tel:123", "file:///etc/passwd"] {
            let out = sanitize_html(&format!("<a href=\"{href}\">x</a>"));
            assert!(!out.contains("href"), "{href} -> {out}");
        }
    }

    #[test]
    fn image_keeps_only_safe_attributes() {
        let out = sanitize_html(
            "<img src=\"https://example.com/a.png\" alt=\"A\" title=\"T\" width=\"10\" \
             height=\"20\" class=\"big\" id=\"i\" style=\"x\" onload=\"y\" loading=\"lazy\">",
        );
        assert_eq!(
            out,
            "<img src=\"https://example.com/a.png\" alt=\"A\" title=\"T\" width=\"10\" height=\"20\">"
        );
    }

    #[test]
    fn image_source_must_be_http_https_or_relative() {
        assert!(sanitize_html("<img src=\"/a.png\">").contains("src=\"/a.png\""));
        assert!(sanitize_html("<img src=\"http://x.test/a.png\">").contains("src="));
        assert_eq!(sanitize_html("<img src=\"mailto:a@b.test\">"), "<img>");
        assert_eq!(
            sanitize_html("<img src=\"data:image/png;base64,AA\">"),
            "<img>"
        );
    }

    #[test]
    fn only_language_classes_survive_on_code() {
        assert_eq!(
            sanitize_html("<code class=\"language-rust evil\">x</code>"),
            "<code class=\"language-rust\">x</code>"
        );
        assert_eq!(
            sanitize_html("<code class=\"admin-panel\">x</code>"),
            "<code>x</code>"
        );
        assert_eq!(
            sanitize_html("<code class=\"language-\">x</code>"),
            "<code>x</code>"
        );
        assert_eq!(
            sanitize_html("<pre class=\"language-rust\"><span class=\"a\">x</span></pre>"),
            "<pre><span>x</span></pre>"
        );
    }

    #[test]
    fn inputs_become_disabled_checkboxes() {
        let out = sanitize_html("<input type=\"text\" name=\"password\" value=\"x\">");
        assert!(out.starts_with("<input "), "{out}");
        assert!(out.contains("type=\"checkbox\""), "{out}");
        assert!(out.contains("disabled=\"\""), "{out}");
        assert!(!out.contains("name="), "{out}");
        assert!(!out.contains("value="), "{out}");
    }

    #[test]
    fn ids_are_prefixed_and_fragment_links_follow() {
        let out = sanitize_html("<h2 id=\"intro\">I</h2><a href=\"#intro\">go</a>");
        assert!(out.contains("<h2 id=\"user-content-intro\">"), "{out}");
        assert!(out.contains("href=\"#user-content-intro\""), "{out}");
        // Not prefixed twice.
        let again = sanitize_html(&out);
        assert_eq!(again, out);
        // Ids on other tags are dropped.
        assert_eq!(sanitize_html("<span id=\"x\">s</span>"), "<span>s</span>");
    }

    #[test]
    fn disallowed_tags_keep_their_text() {
        assert_eq!(
            sanitize_html("<form action=\"/x\"><b>bold</b> text</form>"),
            "<b>bold</b> text"
        );
        assert_eq!(sanitize_html("<center>c</center>"), "c");
    }

    #[test]
    fn script_like_content_is_removed_entirely() {
        assert_eq!(sanitize_html("a<script>alert(1)</script>b"), "ab");
        assert_eq!(sanitize_html("a<style>p{}</style>b"), "ab");
        assert_eq!(sanitize_html("a<svg><text>t</text></svg>b"), "ab");
        assert_eq!(sanitize_html("a<!-- secret -->b"), "ab");
    }

    #[test]
    fn allowed_formatting_tags_survive() {
        let html = "<p><strong>s</strong><b>b</b><em>e</em><i>i</i><u>u</u><s>s</s>\
                    <del>d</del><sup>1</sup><sub>2</sub><kbd>K</kbd><mark>m</mark><br></p>\
                    <hr><blockquote>q</blockquote><figure><img src=\"/a.png\">\
                    <figcaption>c</figcaption></figure><dl><dt>t</dt><dd>d</dd></dl>\
                    <div><span>x</span></div>";
        assert_eq!(sanitize_html(html), html);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for input in [
            "",
            "<",
            ">",
            "&",
            "\0",
            "<<<<",
            "]]>",
            "{{",
            "\u{feff}",
            "&#xFFFFFF;",
        ] {
            for format in BOTH {
                let _ = render(input, format);
            }
        }
        let deep = "<div>".repeat(5_000);
        let _ = render(&deep, ArticleFormat::Html);
        let quotes = ">".repeat(5_000);
        let _ = render(&quotes, ArticleFormat::Markdown);
    }

    // ---- Markdown rendering ---------------------------------------------

    fn md(source: &str) -> String {
        render(source, ArticleFormat::Markdown)
    }

    #[test]
    fn markdown_headings() {
        assert_eq!(md("# Title\n\n### Sub"), "<h1>Title</h1>\n<h3>Sub</h3>\n");
    }

    #[test]
    fn markdown_lists() {
        assert_eq!(
            md("- a\n- b\n\n3. c\n4. d"),
            "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<ol start=\"3\">\n<li>c</li>\n<li>d</li>\n</ol>\n"
        );
    }

    #[test]
    fn markdown_table() {
        let out = md("| a | b |\n|---|:-:|\n| 1 | 2 |");
        assert!(out.contains("<table>"), "{out}");
        assert!(out.contains("<thead>"), "{out}");
        assert!(out.contains("<th>a</th>"), "{out}");
        assert!(out.contains("<tbody>"), "{out}");
        assert!(out.contains("<td>1</td>"), "{out}");
        // Column alignment arrives as `style`, which we never allow.
        assert!(!out.contains("style"), "{out}");
    }

    #[test]
    fn markdown_code_block_keeps_language_class() {
        assert_eq!(
            md("```rust\nlet x = 1 < 2;\n```"),
            "<pre><code class=\"language-rust\">let x = 1 &lt; 2;\n</code></pre>\n"
        );
        assert_eq!(md("`a<b`"), "<p><code>a&lt;b</code></p>\n");
    }

    #[test]
    fn markdown_link_gets_rel() {
        assert_eq!(
            md("[site](https://example.com/a?b=1&c=2)"),
            "<p><a href=\"https://example.com/a?b=1&amp;c=2\" \
             rel=\"noopener noreferrer nofollow\">site</a></p>\n"
        );
    }

    #[test]
    fn markdown_autolink_gets_rel() {
        assert_eq!(
            md("<https://example.com>"),
            "<p><a href=\"https://example.com\" rel=\"noopener noreferrer nofollow\">\
             https://example.com</a></p>\n"
        );
    }

    #[test]
    fn markdown_image() {
        assert_eq!(
            md("![A cat](https://example.com/cat.png \"Cat\")"),
            "<p><img src=\"https://example.com/cat.png\" alt=\"A cat\" title=\"Cat\"></p>\n"
        );
    }

    #[test]
    fn markdown_emphasis_and_strikethrough() {
        assert_eq!(
            md("*e* **s** ~~d~~"),
            "<p><em>e</em> <strong>s</strong> <del>d</del></p>\n"
        );
    }

    #[test]
    fn markdown_task_list() {
        let out = md("- [x] done\n- [ ] todo");
        assert!(out.contains("<ul>"), "{out}");
        assert_eq!(out.matches("type=\"checkbox\"").count(), 2, "{out}");
        assert_eq!(out.matches("disabled=\"\"").count(), 2, "{out}");
        assert_eq!(out.matches("checked=\"\"").count(), 1, "{out}");
    }

    #[test]
    fn markdown_footnote_link_matches_its_definition() {
        let out = md("Fact[^src].\n\n[^src]: Source.");
        assert!(out.contains("href=\"#user-content-src\""), "{out}");
        assert!(out.contains("id=\"user-content-src\""), "{out}");
        assert!(!out.contains("class="), "{out}");
    }

    #[test]
    fn markdown_raw_html_is_sanitised_not_escaped() {
        assert_eq!(
            md("<div onclick=\"x\"><b>hi</b></div>"),
            "<div><b>hi</b></div>"
        );
    }

    // ---- escaping of plain text --------------------------------------

    #[test]
    fn plain_text_is_escaped_in_markdown() {
        assert_eq!(md("a < b & c > d"), "<p>a &lt; b &amp; c &gt; d</p>\n");
    }

    #[test]
    fn plain_text_is_escaped_in_html() {
        assert_eq!(
            render("a < b & c > d", ArticleFormat::Html),
            "a &lt; b &amp; c &gt; d"
        );
    }

    #[test]
    fn unicode_text_survives() {
        assert_eq!(
            md("مرحبا **بالعالم**"),
            "<p>مرحبا <strong>بالعالم</strong></p>\n"
        );
        assert_eq!(
            render("<p dir=\"rtl\">مرحبا</p>", ArticleFormat::Html),
            "<p>مرحبا</p>"
        );
    }
}
