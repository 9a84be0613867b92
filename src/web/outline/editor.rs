//! The content editor by type: `GET/POST /teach/contents/{id}`. The fields every content
//! has, and those of its type: a document's, image's or video's file (the upload form is
//! `web::content_files`'), an article's text with a "Preview" that renders without saving,
//! a quiz's settings and its questions (`web::questions`), a certificate's text with its
//! placeholders explained.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use uuid::Uuid;

use crate::domain::article::{self, ArticleFormat};
use crate::domain::certificate_template::PLACEHOLDERS;
use crate::domain::content::{Content, ContentKind};
use crate::domain::policy::Actor;
use crate::error::AppError;
use crate::services::{content_files, outline, questions};
use crate::state::AppState;
use crate::web::errors::PageError;
use crate::web::flash::{self, Flash};
use crate::web::form::{Form, FormErrors, Path};
use crate::web::outline::content_form::{self, ContentValues, FIELDS};
use crate::web::outline::fields::{EditorField, form_errors};
use crate::web::outline::icons::{self, Icon};
use crate::web::outline::{Shell, actor, content_path, kind_label};
use crate::web::page::{self, Page};
use crate::web::questions::{KINDS, QuestionCard, kind_label as question_kind_label};
use crate::web::session::PageUser;

/// A content's file, as its editor shows it.
#[derive(Debug, Clone)]
pub struct FileView {
    pub name: String,
    pub size: String,
    pub mime: String,
    pub href: String,
}

/// The upload form of a document, image or video.
#[derive(Debug, Clone)]
pub struct UploadView {
    pub accept: &'static str,
    pub hint: String,
    pub errors: Vec<String>,
}

/// A video's captions panel: the stored track, and the upload form's state.
#[derive(Debug, Clone)]
pub struct CaptionsView {
    /// The stored track's language (or "Not given") and size, and where to open it.
    pub track: Option<(String, String, String)>,
    pub hint: String,
    pub errors: Vec<String>,
    pub language: String,
    pub language_errors: Vec<String>,
}

/// What the editor shows besides the stored content: the form as sent with its errors,
/// an article's preview, a message about the page.
#[derive(Debug, Clone, Default)]
pub struct EditorState {
    pub values: Option<ContentValues>,
    pub errors: FormErrors,
    /// The article as it would read (sanitised HTML).
    pub preview: Option<String>,
    /// The captions form's language as sent, when it was refused.
    pub captions_language: Option<String>,
}

/// One placeholder of a certificate's text, and what it becomes.
#[derive(Debug, Clone)]
pub struct PlaceholderHelp {
    pub code: String,
    pub meaning: String,
}

#[derive(Template)]
#[template(path = "outline/content.html")]
struct ContentPage {
    ctx: Page,
    shell: Shell,
    content: Content,
    kind_label: String,
    icon: Icon,
    notice: Option<String>,
    errors: FormErrors,
    /// Every field, for the error summary.
    fields: Vec<EditorField>,
    common: Vec<EditorField>,
    specific: Vec<EditorField>,
    preview: Option<String>,
    file: Option<FileView>,
    upload: Option<UploadView>,
    captions: Option<CaptionsView>,
    questions: Vec<QuestionCard>,
    question_kinds: Vec<(&'static str, String)>,
    placeholders: Vec<PlaceholderHelp>,
}

impl ContentPage {
    fn is_quiz(&self) -> bool {
        self.content.kind == ContentKind::Quiz
    }

    fn is_video(&self) -> bool {
        self.content.kind == ContentKind::Video
    }

    fn is_image(&self) -> bool {
        self.content.kind == ContentKind::Image
    }

    fn is_article(&self) -> bool {
        self.content.kind == ContentKind::Article
    }

    fn is_certificate(&self) -> bool {
        self.content.kind == ContentKind::Certificate
    }

    /// The legend of the type's own fields.
    fn specific_legend(&self) -> String {
        match self.content.kind {
            ContentKind::Article => self.ctx.t("content-article-legend"),
            ContentKind::Quiz => self.ctx.t("content-quiz-legend"),
            _ => self.ctx.t("content-certificate-legend"),
        }
    }
}

/// A size in bytes as people read it (`2.4 MB`), in the page's digits.
pub fn file_size(ctx: &Page, bytes: i64) -> String {
    let bytes = u64::try_from(bytes).unwrap_or(0);
    const KB: u64 = 1024;
    const MB: u64 = 1024 * 1024;
    if bytes < KB {
        ctx.t1("size-bytes", "count", ctx.number(&bytes))
    } else if bytes < MB {
        ctx.t1("size-kb", "count", ctx.number(&bytes.div_ceil(KB)))
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        let text = format!(
            "{}{}{}",
            ctx.number(&(tenths / 10)),
            ctx.t("decimal-separator"),
            ctx.number(&(tenths % 10))
        );
        ctx.t1("size-mb", "count", text)
    }
}

/// The file types a content's upload takes, for the file chooser (the server judges the
/// bytes whatever the chooser allowed).
fn accept(kind: ContentKind) -> &'static str {
    match kind {
        ContentKind::Video => "video/mp4,video/webm,.mp4,.webm",
        ContentKind::Image => "image/jpeg,image/png,image/webp,image/gif",
        _ => ".pdf,.docx,.pptx,.xlsx,.odt,.txt",
    }
}

/// The types a content takes, in words.
pub fn accepted_types(ctx: &Page, kind: ContentKind) -> String {
    match kind {
        ContentKind::Video => ctx.t("upload-types-video"),
        ContentKind::Image => ctx.t("upload-types-image"),
        _ => ctx.t("upload-types-document"),
    }
}

/// The largest file a content takes, in whole megabytes.
pub fn limit_megabytes(state: &AppState, ctx: &Page, kind: ContentKind) -> String {
    let limit = kind
        .upload()
        .map_or(0, |k| content_files::limit(&state.config.uploads, k));
    ctx.number(&(limit / (1024 * 1024)).max(1))
}

/// The content editor page for content `id`.
pub async fn render(
    state: &AppState,
    status: StatusCode,
    ctx: Page,
    actor: &Actor,
    id: Uuid,
    editor: EditorState,
) -> Result<Response, PageError> {
    let (content, outline) = outline::author_content(state, actor, id).await?;
    let shell = Shell::new(&ctx, &outline, Some(id));
    let values = editor
        .values
        .clone()
        .unwrap_or_else(|| ContentValues::of(&content));
    let errors = editor.errors;
    let common = content_form::common_fields(&ctx, &values, &errors, &shell.section_choices);
    let specific = content_form::type_fields(&ctx, content.kind, &values, &errors);
    let file = content.file.as_ref().map(|f| FileView {
        name: f
            .name
            .clone()
            .unwrap_or_else(|| ctx.t("content-file-unnamed")),
        size: file_size(&ctx, f.size),
        mime: f.mime_type.clone(),
        href: format!("/teach/contents/{id}/file"),
    });
    let upload = content.kind.upload().map(|_| UploadView {
        accept: accept(content.kind),
        hint: ctx.t2(
            "hint-content-file",
            "allowed",
            accepted_types(&ctx, content.kind),
            "size",
            limit_megabytes(state, &ctx, content.kind),
        ),
        errors: errors.of("file").to_vec(),
    });
    let captions = (content.kind == ContentKind::Video).then(|| CaptionsView {
        track: content.captions.as_ref().map(|c| {
            (
                c.language
                    .clone()
                    .unwrap_or_else(|| ctx.t("content-captions-language-none")),
                file_size(&ctx, c.size),
                c.url.clone(),
            )
        }),
        hint: ctx.t1(
            "hint-content-captions",
            "size",
            ctx.number(&(crate::domain::captions::MAX_BYTES as u64 / 1024)),
        ),
        errors: errors.of(crate::services::captions::FIELD).to_vec(),
        language: editor.captions_language.clone().unwrap_or_else(|| {
            content
                .captions
                .as_ref()
                .and_then(|c| c.language.clone())
                .unwrap_or_default()
        }),
        language_errors: errors.of("language").to_vec(),
    });
    let question_cards = if content.kind == ContentKind::Quiz {
        QuestionCard::all(&ctx, &questions::author_list(state, actor, id).await?)
    } else {
        Vec::new()
    };
    let mut fields: Vec<EditorField> = common.iter().chain(&specific).cloned().collect();
    if let Some(upload) = &upload
        && !upload.errors.is_empty()
    {
        let mut f = EditorField::new("content-file", "file", ctx.t("field-content-file"), "file");
        f.errors = upload.errors.clone();
        fields.insert(0, f);
    }
    if let Some(captions) = &captions {
        let mut file = EditorField::new(
            "content-captions",
            "captions",
            ctx.t("field-content-captions"),
            "file",
        );
        file.errors = captions.errors.clone();
        let mut language = EditorField::new(
            "captions-language",
            "language",
            ctx.t("field-captions-language"),
            "text",
        );
        language.errors = captions.language_errors.clone();
        fields.extend([file, language]);
    }
    let placeholders = PLACEHOLDERS
        .iter()
        .map(|name| PlaceholderHelp {
            code: format!("{{{{{name}}}}}"),
            meaning: match *name {
                "trainee_name" => ctx.t("certificate-placeholder-trainee"),
                "course_title" => ctx.t("certificate-placeholder-course"),
                "date" => ctx.t("certificate-placeholder-date"),
                _ => ctx.t("certificate-placeholder-trainer"),
            },
        })
        .collect();
    let question_kinds = KINDS
        .into_iter()
        .map(|k| (k.as_str(), question_kind_label(&ctx, k)))
        .collect();
    let notice = errors.form.clone();
    page::render(
        status,
        &ContentPage {
            kind_label: kind_label(&ctx, content.kind),
            icon: icons::kind(content.kind),
            ctx,
            shell,
            content,
            notice,
            errors,
            fields,
            common,
            specific,
            preview: editor.preview,
            file,
            upload,
            captions,
            questions: question_cards,
            question_kinds,
            placeholders,
        },
    )
}

/// `GET /teach/contents/{id}` (the course's trainer, super admins): the editor of its type.
pub async fn show(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
) -> Result<Response, PageError> {
    render(
        &state,
        StatusCode::OK,
        ctx,
        &actor(&who),
        id,
        EditorState::default(),
    )
    .await
}

/// `POST /teach/contents/{id}` (the course's trainer, super admins): saves the form; an
/// article's "Preview" button shows the article as it would read, saving nothing.
pub async fn update(
    State(state): State<AppState>,
    ctx: Page,
    PageUser(who): PageUser,
    Path(id): Path<Uuid>,
    Form(values): Form<ContentValues>,
) -> Result<Response, PageError> {
    let actor = actor(&who);
    let (content, _) = outline::author_content(&state, &actor, id).await?;
    if values.preview.is_some() && content.kind == ContentKind::Article {
        let format =
            ArticleFormat::parse(&values.article_format).unwrap_or(ArticleFormat::Markdown);
        let preview = article::render(&values.article_content, format);
        let editor = EditorState {
            values: Some(values),
            preview: Some(preview),
            ..EditorState::default()
        };
        return render(&state, StatusCode::OK, ctx, &actor, id, editor).await;
    }
    let (form, mut page_errors) = values.form(content.kind);
    let result = if page_errors.is_empty() {
        outline::update_content(&state, &actor, id, &form).await
    } else {
        if let Err(domain) = form.parse(content.kind, false) {
            page_errors.merge(domain);
        }
        Err(AppError::Validation(page_errors))
    };
    match result {
        Ok(saved) => Ok(flash::redirect_with(
            &content_path(saved.id),
            Flash::ContentSaved,
            ctx.secure,
        )),
        Err(AppError::Validation(fields)) => {
            let editor = EditorState {
                values: Some(values),
                errors: form_errors(ctx.locale, &fields, &FIELDS),
                ..EditorState::default()
            };
            render(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                ctx,
                &actor,
                id,
                editor,
            )
            .await
        }
        Err(other) => Err(other.into()),
    }
}
