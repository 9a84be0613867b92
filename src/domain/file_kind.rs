//! What an uploaded file really is, judged from its first bytes rather than
//! from its name or the client's Content-Type (both are attacker-chosen).
//!
//! Detection is done by `infer`, then tightened: every accepted binary type
//! must carry its magic at offset 0, OOXML packages that `infer` misses are
//! recognised from their zip entry names, and text is accepted only when it
//! is clean UTF-8 that does not look like markup or script.
//!
//! Sniffing cannot rule out every polyglot (e.g. a GIF whose bytes are also
//! valid JavaScript), so stored files must still be served with the detected
//! Content-Type and `X-Content-Type-Options: nosniff`.

use std::fmt;

/// How many leading bytes to pass to [`detect`] and [`sniff_for`]: the whole
/// file if it is shorter. Fewer bytes work for most types, but WebM needs
/// more than 256 bytes (`infer` looks for the DocType in the first 256) and
/// OOXML needs the local headers of its first zip entries.
pub const HEAD_LEN: usize = 8 * 1024;

/// The three content types that take an uploaded file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UploadKind {
    Document,
    Image,
    Video,
}

/// A recognised file type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub mime: &'static str,
    pub extension: &'static str,
}

/// Why an upload was refused: what it looks like and what would have done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    /// The detected MIME type, or `"unknown"`.
    pub found: &'static str,
    /// The MIME types the upload kind accepts.
    pub expected: &'static [&'static str],
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "file type {} is not accepted here; expected one of: {}",
            self.found,
            self.expected.join(", ")
        )
    }
}

impl std::error::Error for Refusal {}

const PDF: &str = "application/pdf";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PPTX: &str = "application/vnd.openxmlformats-officedocument.presentationml.presentation";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ODT: &str = "application/vnd.oasis.opendocument.text";
const TEXT: &str = "text/plain";
const JPEG: &str = "image/jpeg";
const PNG: &str = "image/png";
const WEBP: &str = "image/webp";
const GIF: &str = "image/gif";
const MP4: &str = "video/mp4";
const WEBM: &str = "video/webm";
const ZIP: &str = "application/zip";
const UNKNOWN: &str = "unknown";

const DOCUMENT_TYPES: &[&str] = &[PDF, DOCX, PPTX, XLSX, ODT, TEXT];
const IMAGE_TYPES: &[&str] = &[JPEG, PNG, WEBP, GIF];
const VIDEO_TYPES: &[&str] = &[MP4, WEBM];

const PLAIN_TEXT: Detected = Detected {
    mime: TEXT,
    extension: "txt",
};

/// `infer` matches these on two printable bytes ("BM", "MZ"), so ordinary
/// text like "BMI notes" would be misread. A real BMP or PE header has NUL
/// bytes right after the magic, so a head that passes the clean-text test
/// cannot be one, and it is safe to judge it as text instead.
const LOOSE_MATCHES: &[&str] = &["image/bmp", "application/vnd.microsoft.portable-executable"];

/// The MIME types an upload kind accepts.
pub fn accepted_types(kind: UploadKind) -> &'static [&'static str] {
    match kind {
        UploadKind::Document => DOCUMENT_TYPES,
        UploadKind::Image => IMAGE_TYPES,
        UploadKind::Video => VIDEO_TYPES,
    }
}

/// The type detected from the first bytes of a file, or `None` when nothing
/// we accept was recognised. Pass at least the first [`HEAD_LEN`] (8 KiB)
/// bytes, or the whole file when it is shorter.
pub fn detect(head: &[u8]) -> Option<Detected> {
    classify(head).ok()
}

/// Which upload kinds accept which detected types.
pub fn accepts(kind: UploadKind, detected: Detected) -> bool {
    accepted_types(kind).contains(&detected.mime)
}

/// Detects the type and checks that `kind` accepts it.
pub fn sniff_for(kind: UploadKind, head: &[u8]) -> Result<Detected, Refusal> {
    let expected = accepted_types(kind);
    match classify(head) {
        Ok(detected) if accepts(kind, detected) => Ok(detected),
        Ok(detected) => Err(Refusal {
            found: detected.mime,
            expected,
        }),
        Err(found) => Err(Refusal { found, expected }),
    }
}

/// `Ok` with a type some kind accepts, or `Err` with what was found instead
/// (a MIME type or "unknown").
fn classify(head: &[u8]) -> Result<Detected, &'static str> {
    match infer::get(head) {
        Some(kind) if is_loose_match(kind.mime_type(), head) => classify_text(head),
        Some(kind) => classify_binary(kind, head),
        None => classify_text(head),
    }
}

fn is_loose_match(mime: &str, head: &[u8]) -> bool {
    LOOSE_MATCHES.contains(&mime) && is_clean_text(head)
}

/// Judges a type `infer` recognised.
fn classify_binary(kind: infer::Type, head: &[u8]) -> Result<Detected, &'static str> {
    let mime = kind.mime_type();
    // infer decides OOXML from a couple of zip entries found by offset
    // guesses, so valid packages with another layout come out as a bare
    // zip: look at the entry names ourselves before refusing.
    if mime == ZIP {
        return ooxml_from_entry_names(head).ok_or(ZIP);
    }
    if !is_accepted_anywhere(mime) {
        return Err(mime);
    }
    // infer finds `%PDF` anywhere in the first KiB and WebP by bytes 8..12
    // alone; a polyglot could hide behind that, so insist on offset 0.
    if !magic_at_start(mime, head) {
        return Err(UNKNOWN);
    }
    Ok(Detected {
        mime,
        extension: kind.extension(),
    })
}

fn is_accepted_anywhere(mime: &str) -> bool {
    [DOCUMENT_TYPES, IMAGE_TYPES, VIDEO_TYPES]
        .iter()
        .any(|types| types.contains(&mime))
}

/// Whether the head starts with the signature the format requires at 0.
fn magic_at_start(mime: &str, head: &[u8]) -> bool {
    match mime {
        PDF => head.starts_with(b"%PDF-"),
        PNG => head.starts_with(b"\x89PNG\r\n\x1a\n"),
        JPEG => head.starts_with(b"\xff\xd8\xff"),
        GIF => head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a"),
        WEBP => head.starts_with(b"RIFF") && head.get(8..12) == Some(b"WEBP"),
        MP4 => head.get(4..8) == Some(b"ftyp"),
        WEBM => head.starts_with(b"\x1a\x45\xdf\xa3"),
        DOCX | PPTX | XLSX | ODT => head.starts_with(ZIP_LOCAL_HEADER),
        _ => false,
    }
}

// ---- text ----

/// Accepts clean text that is not markup or script.
fn classify_text(head: &[u8]) -> Result<Detected, &'static str> {
    if !is_clean_text(head) {
        return Err(UNKNOWN);
    }
    let start = content_start(head);
    // HTML, SVG and XML served back from our origin are a stored-XSS vector.
    if start.first() == Some(&b'<') {
        return Err(UNKNOWN);
    }
    if looks_like_script(start) {
        return Err("text/javascript");
    }
    Ok(PLAIN_TEXT)
}

/// Non-empty UTF-8 (a multi-byte character cut by the end of the head is
/// fine) with no control characters other than tab, LF, CR and form feed.
fn is_clean_text(head: &[u8]) -> bool {
    let allowed = |b: &u8| *b >= 0x20 || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    !head.is_empty() && is_utf8_allowing_cut_end(head) && head.iter().all(allowed)
}

fn is_utf8_allowing_cut_end(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        // No error_len means the bytes ran out mid-character, which is
        // exactly what cutting a file at HEAD_LEN can do.
        Err(error) => error.error_len().is_none(),
    }
}

/// The text after a UTF-8 byte order mark and leading whitespace.
fn content_start(head: &[u8]) -> &[u8] {
    let mut text = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    while let [b' ' | b'\t' | b'\n' | b'\r' | 0x0c, rest @ ..] = text {
        text = rest;
    }
    text
}

/// Best effort: JavaScript cannot be told from prose in general, so this
/// only catches files that open the way scripts usually do. Serving text as
/// `text/plain` with nosniff is what really keeps it from running.
fn looks_like_script(start: &[u8]) -> bool {
    const OPENERS: &[&[u8]] = &[
        b"'use strict'",
        b"\"use strict\"",
        b"(function",
        b"!function",
        b"(()",
        b"(async",
        b"#!",
    ];
    const KEYWORDS: &[&[u8]] = &[
        b"function",
        b"var",
        b"let",
        b"const",
        b"import",
        b"export",
        b"async",
    ];
    if OPENERS.iter().any(|opener| start.starts_with(opener)) {
        return true;
    }
    KEYWORDS.iter().any(|keyword| {
        start.starts_with(keyword)
            && matches!(
                start.get(keyword.len()),
                Some(b' ' | b'\t' | b'\n' | b'\r' | b'(' | b'{' | b'*')
            )
    })
}

// ---- OOXML by zip entry names ----

const ZIP_LOCAL_HEADER: &[u8] = b"PK\x03\x04";
/// Enough entries to get past LibreOffice's docProps/ and _rels/ parts.
const MAX_ZIP_ENTRIES: usize = 32;

/// Recognises docx/xlsx/pptx from the names of the zip entries whose local
/// headers lie in the head: an OOXML package part (`[Content_Types].xml` or
/// `_rels/.rels`) plus a `word/`, `xl/` or `ppt/` part. A plain zip, even
/// one renamed to .docx, has neither and is refused.
fn ooxml_from_entry_names(head: &[u8]) -> Option<Detected> {
    let names = zip_entry_names(head);
    let is_package = names
        .iter()
        .any(|name| *name == b"[Content_Types].xml" || *name == b"_rels/.rels");
    if !is_package {
        return None;
    }
    names.iter().find_map(|name| ooxml_by_folder(name))
}

fn ooxml_by_folder(name: &[u8]) -> Option<Detected> {
    if name.starts_with(b"word/") {
        Some(Detected {
            mime: DOCX,
            extension: "docx",
        })
    } else if name.starts_with(b"xl/") {
        Some(Detected {
            mime: XLSX,
            extension: "xlsx",
        })
    } else if name.starts_with(b"ppt/") {
        Some(Detected {
            mime: PPTX,
            extension: "pptx",
        })
    } else {
        None
    }
}

/// Names of the leading zip entries, read from their local file headers,
/// stopping at the first header that is not complete in the head.
fn zip_entry_names(head: &[u8]) -> Vec<&[u8]> {
    let mut names = Vec::new();
    let mut at = 0usize;
    while names.len() < MAX_ZIP_ENTRIES {
        let Some(entry) = read_local_header(head, at) else {
            break;
        };
        names.push(entry.name);
        match entry.next {
            Some(next) => at = next,
            None => break,
        }
    }
    names
}

struct LocalHeader<'a> {
    name: &'a [u8],
    /// Offset of the following local header, when it can be found.
    next: Option<usize>,
}

/// Parses the local file header at `at` (layout from APPNOTE.TXT 4.3.7).
fn read_local_header(head: &[u8], at: usize) -> Option<LocalHeader<'_>> {
    let fixed = head.get(at..at.checked_add(30)?)?;
    if !fixed.starts_with(ZIP_LOCAL_HEADER) {
        return None;
    }
    let flags = le_u16(fixed, 6)?;
    let compressed_size = usize::try_from(le_u32(fixed, 18)?).ok()?;
    let name_len = usize::from(le_u16(fixed, 26)?);
    let extra_len = usize::from(le_u16(fixed, 28)?);
    let name_start = at + 30;
    let name_end = name_start.checked_add(name_len)?;
    let name = head.get(name_start..name_end)?;
    let data_start = name_end.checked_add(extra_len)?;
    // Bit 3: sizes follow the data in a descriptor, so the header says 0;
    // fall back to scanning for the next signature.
    let next = if flags & 0x0008 != 0 && compressed_size == 0 {
        find_signature(head, data_start)
    } else {
        data_start.checked_add(compressed_size)
    };
    Some(LocalHeader { name, next })
}

fn find_signature(head: &[u8], from: usize) -> Option<usize> {
    let rest = head.get(from..)?;
    let found = rest.windows(4).position(|w| w == ZIP_LOCAL_HEADER)?;
    from.checked_add(found)
}

fn le_u16(bytes: &[u8], at: usize) -> Option<u16> {
    match bytes.get(at..at.checked_add(2)?)? {
        [a, b] => Some(u16::from_le_bytes([*a, *b])),
        _ => None,
    }
}

fn le_u32(bytes: &[u8], at: usize) -> Option<u32> {
    match bytes.get(at..at.checked_add(4)?)? {
        [a, b, c, d] => Some(u32::from_le_bytes([*a, *b, *c, *d])),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::CompressionMethod;
    use zip::write::{SimpleFileOptions, ZipWriter};

    // ---- samples ----

    fn pdf() -> Vec<u8> {
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
          2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
            .to_vec()
    }

    fn png() -> Vec<u8> {
        let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
        // IHDR: length 13, type, 1x1, 8-bit RGBA, CRC (not checked by sniffing).
        bytes.extend_from_slice(
            b"\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00",
        );
        bytes.extend_from_slice(b"\x1f\x15\xc4\x89");
        bytes
    }

    fn jpeg() -> Vec<u8> {
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9".to_vec()
    }

    fn gif(version: &[u8; 6]) -> Vec<u8> {
        let mut bytes = version.to_vec();
        bytes.extend_from_slice(b"\x01\x00\x01\x00\x00\x00\x00;");
        bytes
    }

    fn webp() -> Vec<u8> {
        let mut bytes = b"RIFF\x1a\x00\x00\x00WEBPVP8L\x0d\x00\x00\x00".to_vec();
        bytes.extend_from_slice(b"\x2f\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xfe\x07");
        bytes
    }

    /// An ftyp box with the given major brand, then an empty mdat box.
    fn iso_media(major: &[u8; 4], compatible: &[&[u8; 4]]) -> Vec<u8> {
        let size = 16 + 4 * compatible.len() as u32;
        let mut bytes = size.to_be_bytes().to_vec();
        bytes.extend_from_slice(b"ftyp");
        bytes.extend_from_slice(major);
        bytes.extend_from_slice(&0x200u32.to_be_bytes());
        for brand in compatible {
            bytes.extend_from_slice(*brand);
        }
        bytes.extend_from_slice(b"\x00\x00\x00\x08mdat");
        bytes
    }

    /// An EBML header with the given DocType, an open Segment, then padding
    /// to 512 bytes as a real file would have.
    fn ebml(doc_type: &[u8]) -> Vec<u8> {
        let mut body = Vec::new();
        body.extend_from_slice(b"\x42\x86\x81\x01"); // EBMLVersion 1
        body.extend_from_slice(b"\x42\xf7\x81\x01"); // EBMLReadVersion 1
        body.extend_from_slice(b"\x42\xf2\x81\x04"); // EBMLMaxIDLength 4
        body.extend_from_slice(b"\x42\xf3\x81\x08"); // EBMLMaxSizeLength 8
        body.extend_from_slice(b"\x42\x82");
        body.push(0x80 | doc_type.len() as u8);
        body.extend_from_slice(doc_type);
        body.extend_from_slice(b"\x42\x87\x81\x04"); // DocTypeVersion 4
        body.extend_from_slice(b"\x42\x85\x81\x02"); // DocTypeReadVersion 2
        let mut bytes = b"\x1a\x45\xdf\xa3".to_vec();
        bytes.push(0x80 | body.len() as u8);
        bytes.extend_from_slice(&body);
        bytes.extend_from_slice(b"\x18\x53\x80\x67\x01\xff\xff\xff\xff\xff\xff\xff");
        bytes.resize(512, 0);
        bytes
    }

    fn zip_of(entries: &[(&str, &[u8])], method: CompressionMethod) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, data) in entries {
            let options = SimpleFileOptions::default().compression_method(method);
            writer.start_file(*name, options).expect("start entry");
            writer.write_all(data).expect("write entry");
        }
        writer.finish().expect("finish zip").into_inner()
    }

    const CONTENT_TYPES: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    const RELS: &[u8] = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="main.xml"/></Relationships>"#;
    const PART: &[u8] = br#"<?xml version="1.0" encoding="UTF-8"?><root><p>Hello</p></root>"#;

    /// Microsoft Office's entry order: [Content_Types].xml, _rels, then the
    /// main part's relationships and the main part.
    fn office(folder: &str, main: &str, method: CompressionMethod) -> Vec<u8> {
        let rels = format!("{folder}/_rels/{main}.rels");
        let main = format!("{folder}/{main}");
        zip_of(
            &[
                ("[Content_Types].xml", CONTENT_TYPES),
                ("_rels/.rels", RELS),
                (&rels, RELS),
                (&main, PART),
            ],
            method,
        )
    }

    /// LibreOffice's entry order: _rels first, docProps next, the main part
    /// 4th and [Content_Types].xml last.
    fn libreoffice_docx() -> Vec<u8> {
        zip_of(
            &[
                ("_rels/.rels", RELS),
                ("docProps/app.xml", PART),
                ("docProps/core.xml", PART),
                ("word/_rels/document.xml.rels", RELS),
                ("word/document.xml", PART),
                ("[Content_Types].xml", CONTENT_TYPES),
            ],
            CompressionMethod::Deflated,
        )
    }

    fn odf(mimetype: &[u8]) -> Vec<u8> {
        // ODF requires `mimetype` first and stored; the rest may be deflated,
        // but one method for all keeps the helper simple.
        zip_of(
            &[
                ("mimetype", mimetype),
                ("META-INF/manifest.xml", PART),
                ("content.xml", PART),
            ],
            CompressionMethod::Stored,
        )
    }

    fn odt() -> Vec<u8> {
        odf(b"application/vnd.oasis.opendocument.text")
    }

    fn elf() -> Vec<u8> {
        let mut bytes = b"\x7fELF\x02\x01\x01\x00".to_vec();
        bytes.resize(64, 0);
        bytes
    }

    fn pe() -> Vec<u8> {
        let mut bytes = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00".to_vec();
        bytes.resize(0x3c, 0);
        bytes.extend_from_slice(&0x40u32.to_le_bytes());
        bytes.extend_from_slice(b"PE\x00\x00");
        bytes.resize(128, 0);
        bytes
    }

    fn mime(head: &[u8]) -> Option<&'static str> {
        detect(head).map(|d| d.mime)
    }

    fn found(kind: UploadKind, head: &[u8]) -> &'static str {
        match sniff_for(kind, head) {
            Ok(d) => panic!("expected a refusal, got {d:?}"),
            Err(refusal) => refusal.found,
        }
    }

    fn refused_everywhere(head: &[u8]) -> bool {
        [UploadKind::Document, UploadKind::Image, UploadKind::Video]
            .into_iter()
            .all(|kind| sniff_for(kind, head).is_err())
    }

    // ---- documents ----

    #[test]
    fn pdf_is_a_document() {
        let d = sniff_for(UploadKind::Document, &pdf()).expect("pdf accepted");
        assert_eq!(
            d,
            Detected {
                mime: PDF,
                extension: "pdf"
            }
        );
        assert_eq!(found(UploadKind::Image, &pdf()), PDF);
        assert_eq!(found(UploadKind::Video, &pdf()), PDF);
    }

    #[test]
    fn pdf_magic_not_at_offset_zero_is_refused() {
        // infer accepts %PDF anywhere in the first KiB; we do not.
        let mut polyglot = b"junk before\n".to_vec();
        polyglot.extend_from_slice(&pdf());
        assert_eq!(infer::get(&polyglot).map(|t| t.mime_type()), Some(PDF));
        assert_eq!(detect(&polyglot), None);
        assert!(refused_everywhere(&polyglot));
        assert_eq!(found(UploadKind::Document, &polyglot), UNKNOWN);

        let mut html = b"<html><body>".to_vec();
        html.extend_from_slice(&pdf());
        assert!(refused_everywhere(&html));
    }

    #[test]
    fn office_documents_from_microsoft_order_via_infer() {
        for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
            for (folder, main, expected_mime, ext) in [
                ("word", "document.xml", DOCX, "docx"),
                ("xl", "workbook.xml", XLSX, "xlsx"),
                ("ppt", "presentation.xml", PPTX, "pptx"),
            ] {
                let file = office(folder, main, method);
                // infer itself recognises this (the usual) layout.
                assert_eq!(
                    infer::get(&file).map(|t| t.mime_type()),
                    Some(expected_mime)
                );
                let d = sniff_for(UploadKind::Document, &file).expect("office accepted");
                assert_eq!(
                    d,
                    Detected {
                        mime: expected_mime,
                        extension: ext
                    }
                );
                assert_eq!(found(UploadKind::Image, &file), expected_mime);
            }
        }
    }

    #[test]
    fn minimal_package_that_infer_misses_is_recognised_by_entry_names() {
        // infer 0.22 decides OOXML from the 3rd and 4th zip entries (and
        // finds those by offset guesses), so a valid package with only three
        // entries comes out as a bare zip. Our entry-name walk catches it;
        // if a later infer fixes this, the first assert is the one to update.
        let file = zip_of(
            &[
                ("[Content_Types].xml", CONTENT_TYPES),
                ("_rels/.rels", RELS),
                ("word/document.xml", PART),
            ],
            CompressionMethod::Deflated,
        );
        assert_eq!(infer::get(&file).map(|t| t.mime_type()), Some(ZIP));
        assert_eq!(mime(&file), Some(DOCX));
    }

    #[test]
    fn libreoffice_order_docx_is_recognised() {
        let d = sniff_for(UploadKind::Document, &libreoffice_docx()).expect("docx accepted");
        assert_eq!(
            d,
            Detected {
                mime: DOCX,
                extension: "docx"
            }
        );
    }

    #[test]
    fn office_detection_within_the_head() {
        // Only the first HEAD_LEN bytes are needed, with a big later entry.
        let big = vec![b'x'; 64 * 1024];
        let file = zip_of(
            &[
                ("_rels/.rels", RELS),
                ("docProps/core.xml", PART),
                ("docProps/app.xml", PART),
                ("xl/workbook.xml", PART),
                ("xl/media/blob.bin", &big),
                ("[Content_Types].xml", CONTENT_TYPES),
            ],
            CompressionMethod::Stored,
        );
        assert_eq!(mime(&file[..HEAD_LEN]), Some(XLSX));
    }

    #[test]
    fn odt_is_a_document() {
        let file = odt();
        assert_eq!(infer::get(&file).map(|t| t.mime_type()), Some(ODT));
        let d = sniff_for(UploadKind::Document, &file).expect("odt accepted");
        assert_eq!(
            d,
            Detected {
                mime: ODT,
                extension: "odt"
            }
        );
    }

    #[test]
    fn other_open_document_types_are_refused() {
        let ods = odf(b"application/vnd.oasis.opendocument.spreadsheet");
        assert_eq!(
            found(UploadKind::Document, &ods),
            "application/vnd.oasis.opendocument.spreadsheet"
        );
        let epub = odf(b"application/epub+zip");
        assert_eq!(found(UploadKind::Document, &epub), "application/epub+zip");
    }

    #[test]
    fn plain_zip_is_refused_even_if_named_docx() {
        // The name is not an input at all: only the bytes count.
        let file = zip_of(
            &[("notes.txt", b"hello"), ("img/a.png", &png())],
            CompressionMethod::Deflated,
        );
        assert_eq!(found(UploadKind::Document, &file), ZIP);
        assert!(refused_everywhere(&file));
    }

    #[test]
    fn zip_with_office_folder_but_no_package_part_is_refused() {
        let file = zip_of(
            &[
                ("readme.txt", b"x"),
                ("notes.txt", b"y"),
                ("more.txt", b"z"),
                ("word/document.xml", PART),
            ],
            CompressionMethod::Stored,
        );
        assert_eq!(found(UploadKind::Document, &file), ZIP);
    }

    #[test]
    fn package_without_office_folder_is_refused() {
        let file = zip_of(
            &[
                ("[Content_Types].xml", CONTENT_TYPES),
                ("_rels/.rels", RELS),
                ("other/part.xml", PART),
            ],
            CompressionMethod::Stored,
        );
        assert!(refused_everywhere(&file));
    }

    #[test]
    fn zip_entry_walk_handles_data_descriptors_and_extra_fields() {
        // Streamed zips (flag bit 3) carry size 0 in the local header, and
        // Info-ZIP adds an extra field after each name.
        let mut file = Vec::new();
        for name in [
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "ppt/presentation.xml",
        ] {
            file.extend_from_slice(b"PK\x03\x04\x14\x00\x08\x00\x08\x00\x00\x00\x00\x00");
            file.extend_from_slice(&[0; 12]); // crc, sizes: in the descriptor
            file.extend_from_slice(&(name.len() as u16).to_le_bytes());
            file.extend_from_slice(&9u16.to_le_bytes()); // extra field length
            file.extend_from_slice(name.as_bytes());
            file.extend_from_slice(b"UT\x05\x00\x03\x00\x00\x00\x00"); // extended timestamp
            file.extend_from_slice(b"\x03\x00compressed-bytes");
            file.extend_from_slice(b"PK\x07\x08descriptor-");
        }
        assert_eq!(mime(&file), Some(PPTX));
    }

    // ---- images ----

    #[test]
    fn images_are_images() {
        for (sample, expected_mime) in [
            (png(), PNG),
            (jpeg(), JPEG),
            (gif(b"GIF87a"), GIF),
            (gif(b"GIF89a"), GIF),
            (webp(), WEBP),
        ] {
            let d = sniff_for(UploadKind::Image, &sample).expect("image accepted");
            assert_eq!(d.mime, expected_mime);
            assert_eq!(found(UploadKind::Document, &sample), expected_mime);
            assert_eq!(found(UploadKind::Video, &sample), expected_mime);
        }
        assert_eq!(detect(&jpeg()).map(|d| d.extension), Some("jpg"));
    }

    #[test]
    fn image_lookalikes_are_refused() {
        // infer checks only bytes 8..12 for WebP.
        let mut not_riff = webp();
        not_riff[..4].copy_from_slice(b"XXXX");
        assert_eq!(infer::get(&not_riff).map(|t| t.mime_type()), Some(WEBP));
        assert_eq!(detect(&not_riff), None);
        // "GIF" alone is not a GIF signature.
        assert_eq!(detect(b"GIF is a format from 1987"), None);
    }

    #[test]
    fn other_images_are_refused() {
        let mut bmp = b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00".to_vec();
        bmp.resize(58, 0);
        assert_eq!(found(UploadKind::Image, &bmp), "image/bmp");
        let tiff = b"II*\x00\x08\x00\x00\x00\x00\x00\x00\x00";
        assert_eq!(found(UploadKind::Image, tiff), "image/tiff");
    }

    // ---- video ----

    #[test]
    fn mp4_is_a_video() {
        for major in [b"isom", b"mp42"] {
            let file = iso_media(major, &[b"isom", b"mp42"]);
            let d = sniff_for(UploadKind::Video, &file).expect("mp4 accepted");
            assert_eq!(
                d,
                Detected {
                    mime: MP4,
                    extension: "mp4"
                }
            );
            assert_eq!(found(UploadKind::Document, &file), MP4);
        }
    }

    #[test]
    fn quicktime_is_refused() {
        // Decision: a `qt  ` major brand is QuickTime, not MP4. Browsers
        // only promise MP4 and WebM, and .mov often holds codecs they cannot
        // play, so refuse it with a clear "found video/quicktime".
        let file = iso_media(b"qt  ", &[b"qt  "]);
        assert_eq!(found(UploadKind::Video, &file), "video/quicktime");
        let m4v = iso_media(b"M4V ", &[b"M4V ", b"isom"]);
        assert!(sniff_for(UploadKind::Video, &m4v).is_err());
    }

    #[test]
    fn webm_is_a_video() {
        let file = ebml(b"webm");
        let d = sniff_for(UploadKind::Video, &file).expect("webm accepted");
        assert_eq!(
            d,
            Detected {
                mime: WEBM,
                extension: "webm"
            }
        );
        assert_eq!(found(UploadKind::Image, &file), WEBM);
    }

    #[test]
    fn webm_needs_more_than_256_bytes() {
        // Why HEAD_LEN matters: infer wants > 256 bytes for EBML types.
        let file = ebml(b"webm");
        assert_eq!(mime(&file[..256]), None);
        assert_eq!(mime(&file[..257]), Some(WEBM));
    }

    #[test]
    fn matroska_is_refused() {
        assert_eq!(
            found(UploadKind::Video, &ebml(b"matroska")),
            "video/x-matroska"
        );
    }

    // ---- text ----

    #[test]
    fn plain_text_is_a_document() {
        let cases: [&[u8]; 6] = [
            b"Lecture notes\nWeek 1\n",
            b"Tabs\tand\r\nCRLF and form feed\x0c",
            "Gr\u{fc}\u{df}e, \u{65e5}\u{672c}\u{8a9e}, \u{1f600}".as_bytes(),
            b"\xef\xbb\xbfWith a byte order mark",
            b"a > b and 1 < 2",
            b"DEL is not C0: \x7f",
        ];
        for text in cases {
            let d = sniff_for(UploadKind::Document, text).expect("text accepted");
            assert_eq!(
                d,
                Detected {
                    mime: TEXT,
                    extension: "txt"
                }
            );
            assert_eq!(found(UploadKind::Image, text), TEXT);
        }
    }

    #[test]
    fn multibyte_char_cut_at_end_of_head_is_fine() {
        let text = "notes \u{1f600}".as_bytes();
        for cut in 1..4 {
            let head = &text[..text.len() - cut];
            assert_eq!(mime(head), Some(TEXT), "cut {cut}");
        }
    }

    #[test]
    fn invalid_utf8_or_controls_are_not_text() {
        let cases: [&[u8]; 7] = [
            b"nul\x00inside",
            b"escape \x1b[31m red",
            b"bell\x07",
            b"\xff\xfe",
            b"bad \xc3\x28 sequence in the middle",
            b"bad continuation at end \xe2\x28",
            b"\xfe\xff\x00h\x00i", // UTF-16 text is refused too
        ];
        for text in cases {
            assert_eq!(found(UploadKind::Document, text), UNKNOWN, "{text:?}");
        }
    }

    #[test]
    fn markup_is_never_text() {
        let cases: [&[u8]; 9] = [
            b"<!DOCTYPE html><html><body>hi</body></html>",
            b"<html><script>alert(1)</script></html>",
            b"  \n<script>alert(1)</script>",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
            b"<?xml version=\"1.0\"?><svg/>",
            b"<!-- comment --><p>x</p>",
            b"\xef\xbb\xbf<html>",
            b"<img src=x onerror=alert(1)>",
            b"\x0c\t\r\n<x>",
        ];
        for text in cases {
            assert!(
                refused_everywhere(text),
                "{:?}",
                String::from_utf8_lossy(text)
            );
        }
    }

    #[test]
    fn script_looking_text_is_refused() {
        let cases: [&str; 10] = [
            "function steal() { fetch('/x') }",
            "var a = 1;",
            "const x = require('x');",
            "let y = 2",
            "import x from 'y';",
            "export default {}",
            "'use strict';\nfoo()",
            "(function(){ alert(1) })()",
            "(() => alert(1))()",
            "#!/bin/sh\nrm -rf /",
        ];
        for text in cases {
            assert!(refused_everywhere(text.as_bytes()), "{text}");
        }
        assert_eq!(
            found(UploadKind::Document, b"function x() {}"),
            "text/javascript"
        );
        // Prose that merely starts with such a word is still text.
        assert_eq!(mime(b"functional analysis notes"), Some(TEXT));
        assert_eq!(mime(b"Let me explain"), Some(TEXT));
    }

    #[test]
    fn text_that_infer_calls_something_else() {
        // Two-letter "magic" of BMP/PE on clean text is still text.
        assert_eq!(mime(b"BMI calculation notes"), Some(TEXT));
        assert_eq!(mime(b"MZ notes"), Some(TEXT));
        // But %PDF in the first KiB makes it a would-be PDF polyglot.
        assert_eq!(mime(b"Notes about the %PDF-1.7 header"), None);
        // PostScript and RTF are recognised as such and refused.
        assert_eq!(
            found(UploadKind::Document, b"%!PS-Adobe-3.0\n"),
            "application/postscript"
        );
        assert!(refused_everywhere(b"{\\rtf1\\ansi hello}"));
    }

    #[test]
    fn empty_file_is_refused() {
        assert_eq!(detect(b""), None);
        assert_eq!(found(UploadKind::Document, b""), UNKNOWN);
        assert_eq!(mime(b" "), Some(TEXT));
    }

    // ---- executables ----

    #[test]
    fn executables_are_refused_everywhere() {
        assert!(refused_everywhere(&elf()));
        assert_eq!(
            found(UploadKind::Document, &elf()),
            "application/x-executable"
        );
        assert!(refused_everywhere(&pe()));
        assert_eq!(
            found(UploadKind::Document, &pe()),
            "application/vnd.microsoft.portable-executable"
        );
        // A PE with a PDF tacked on is still an executable.
        let mut both = pe();
        both.extend_from_slice(&pdf());
        assert!(refused_everywhere(&both));
    }

    // ---- the table and the refusal ----

    #[test]
    fn accepts_table() {
        let d = |mime| Detected {
            mime,
            extension: "x",
        };
        for mime in [PDF, DOCX, PPTX, XLSX, ODT, TEXT] {
            assert!(accepts(UploadKind::Document, d(mime)));
            assert!(!accepts(UploadKind::Image, d(mime)));
            assert!(!accepts(UploadKind::Video, d(mime)));
        }
        for mime in [JPEG, PNG, WEBP, GIF] {
            assert!(accepts(UploadKind::Image, d(mime)));
            assert!(!accepts(UploadKind::Document, d(mime)));
        }
        for mime in [MP4, WEBM] {
            assert!(accepts(UploadKind::Video, d(mime)));
            assert!(!accepts(UploadKind::Image, d(mime)));
        }
        assert!(!accepts(UploadKind::Document, d(ZIP)));
        assert!(!accepts(UploadKind::Image, d("image/svg+xml")));
    }

    #[test]
    fn refusal_reports_found_and_expected() {
        let refusal = sniff_for(UploadKind::Image, &pdf()).expect_err("pdf is no image");
        assert_eq!(refusal.found, PDF);
        assert_eq!(refusal.expected, &[JPEG, PNG, WEBP, GIF]);
        assert_eq!(
            refusal.to_string(),
            "file type application/pdf is not accepted here; \
             expected one of: image/jpeg, image/png, image/webp, image/gif"
        );
        let refusal = sniff_for(UploadKind::Video, b"\x00\x01\x02").expect_err("junk");
        assert_eq!(refusal.found, UNKNOWN);
        assert_eq!(refusal.expected, &[MP4, WEBM]);
    }

    // ---- robustness ----

    #[test]
    fn every_prefix_of_every_sample_is_safe() {
        let samples = [
            pdf(),
            png(),
            jpeg(),
            gif(b"GIF89a"),
            webp(),
            iso_media(b"isom", &[b"mp42"]),
            ebml(b"webm"),
            office("word", "document.xml", CompressionMethod::Deflated),
            libreoffice_docx(),
            odt(),
            elf(),
            pe(),
        ];
        for sample in &samples {
            for end in 0..=sample.len() {
                let _ = sniff_for(UploadKind::Document, &sample[..end]);
            }
        }
    }

    #[test]
    fn pseudo_random_bytes_never_panic() {
        // A fixed LCG keeps the test deterministic.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 33) as u8
        };
        let prefixes: [&[u8]; 5] = [b"", b"PK\x03\x04", b"\x1a\x45\xdf\xa3", b"RIFF", b"%PDF-"];
        for round in 0..2000usize {
            let mut head = prefixes[round % prefixes.len()].to_vec();
            let len = round % 700;
            head.extend((0..len).map(|_| next()));
            let _ = detect(&head);
            let _ = sniff_for(UploadKind::Video, &head);
        }
    }

    #[test]
    fn hostile_zip_headers_never_panic() {
        // Sizes and lengths at their maximum must not overflow offsets.
        let mut head = b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
        head.extend_from_slice(&[0; 4]);
        head.extend_from_slice(&u32::MAX.to_le_bytes());
        head.extend_from_slice(&u32::MAX.to_le_bytes());
        head.extend_from_slice(&u16::MAX.to_le_bytes());
        head.extend_from_slice(&u16::MAX.to_le_bytes());
        head.extend_from_slice(b"_rels/.rels");
        assert_eq!(detect(&head), None);
        assert!(zip_entry_names(&head).is_empty());

        let mut two = b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
        two.extend_from_slice(&[0; 4]);
        two.extend_from_slice(&u32::MAX.to_le_bytes());
        two.extend_from_slice(&u32::MAX.to_le_bytes());
        two.extend_from_slice(&11u16.to_le_bytes());
        two.extend_from_slice(&0u16.to_le_bytes());
        two.extend_from_slice(b"_rels/.rels");
        assert_eq!(zip_entry_names(&two), vec![&b"_rels/.rels"[..]]);
        assert_eq!(detect(&two), None);
    }
}
