//! `GET /api/courses` and `/api/categories`: who sees what, search, filters, sorting, and
//! that a page costs one query plus a count, from an index.

use axum::http::{Method, StatusCode};
use courseworx::db::entities::courses;
use courseworx::db::entities::tag_list::TagList;
use courseworx::domain::course::{CatalogueFilter, CatalogueSort};
use courseworx::domain::pagination::PageRequest;
use courseworx::domain::policy::Actor;
use courseworx::domain::user::Role;
use rust_decimal::Decimal;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, Statement, TransactionTrait,
};
use serde_json::Value;

use crate::fixtures::{CourseBuilder, UserBuilder};
use crate::helpers::{TestApp, on_postgres};

fn titles(json: &Value) -> Vec<String> {
    json["courses"]
        .as_array()
        .unwrap_or_else(|| panic!("no courses in {json}"))
        .iter()
        .map(|c| c["title"].as_str().unwrap().to_owned())
        .collect()
}

struct Spec {
    title: &'static str,
    description: &'static str,
    published: bool,
    price: i64,
    level: courseworx::db::entities::enums::CourseLevel,
    tags: &'static [&'static str],
    category: Option<&'static str>,
    featured: bool,
}

async fn insert(app: &TestApp, trainer: uuid::Uuid, s: Spec) -> courses::Model {
    courses::ActiveModel {
        trainer_id: Set(trainer),
        title: Set(s.title.into()),
        description: Set(s.description.into()),
        is_published: Set(Some(s.published)),
        price: Set(Decimal::new(s.price, 2)),
        level: Set(s.level),
        tags: Set(Some(TagList(
            s.tags.iter().map(|t| t.to_string()).collect(),
        ))),
        category: Set(s.category.map(str::to_owned)),
        is_featured: Set(Some(s.featured)),
        ..Default::default()
    }
    .insert(app.db())
    .await
    .expect("insert course")
}

/// Four courses of two trainers: three published, one draft.
async fn shelf(
    app: &TestApp,
) -> (
    courseworx::domain::user::User,
    courseworx::domain::user::User,
) {
    use courseworx::db::entities::enums::CourseLevel::*;
    let ada = UserBuilder::trainer()
        .named("Ada", "Lovelace")
        .create(app)
        .await;
    let bob = UserBuilder::trainer()
        .named("Bob", "Builder")
        .create(app)
        .await;
    let specs = [
        (
            ada.id,
            Spec {
                title: "Rust for beginners",
                description: "Ownership, 100% explained.",
                published: true,
                price: 1999,
                level: Beginner,
                tags: &["rust", "programming"],
                category: Some("Software"),
                featured: true,
            },
        ),
        (
            ada.id,
            Spec {
                title: "Advanced SQL_tuning",
                description: "Indexes and plans.",
                published: true,
                price: 4950,
                level: Advanced,
                tags: &["sql"],
                category: Some("Data"),
                featured: false,
            },
        ),
        (
            bob.id,
            Spec {
                title: "Forklift safety",
                description: "Warehouse driving. Ünïcode ÉCOLE.",
                published: true,
                price: 0,
                level: Beginner,
                tags: &["safety"],
                category: Some("Logistics"),
                featured: false,
            },
        ),
        (
            bob.id,
            Spec {
                title: "Secret draft about rust",
                description: "Not ready.",
                published: false,
                price: 100,
                level: Intermediate,
                tags: &["rust"],
                category: Some("Hidden"),
                featured: false,
            },
        ),
    ];
    for (trainer, spec) in specs {
        insert(app, trainer, spec).await;
    }
    (ada, bob)
}

#[tokio::test]
async fn visitors_see_published_courses_trainers_their_own_admins_all() {
    let app = TestApp::spawn().await;
    let (_, bob) = shelf(&app).await;
    let anonymous = app.get("/api/courses?sort=title").await;
    assert_eq!(anonymous.status, StatusCode::OK, "{}", anonymous.text);
    assert_eq!(
        titles(&anonymous.json),
        [
            "Advanced SQL_tuning",
            "Forklift safety",
            "Rust for beginners"
        ]
    );
    let card = &anonymous.json["courses"][2];
    assert_eq!(card["trainer"]["firstName"], "Ada");
    assert_eq!(card["price"], "19.99");
    assert!(
        card.get("description").is_none(),
        "a card is not the whole course"
    );
    assert_eq!(anonymous.json["pagination"]["totalItems"], 3);

    let bob_token = app.login(&bob.email, crate::fixtures::PASSWORD).await;
    let mine = app
        .send(
            Method::GET,
            "/api/courses?mine=true&sort=title",
            Some(&bob_token),
            None,
        )
        .await;
    assert_eq!(
        titles(&mine.json),
        ["Forklift safety", "Secret draft about rust"]
    );
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let all = app
        .send(Method::GET, "/api/courses", Some(&admin), None)
        .await;
    assert_eq!(all.json["pagination"]["totalItems"], 4);

    let cats = app.get("/api/categories").await;
    assert_eq!(
        cats.json["categories"],
        serde_json::json!(["Data", "Logistics", "Software"])
    );
    // A sent but broken token is told so.
    let res = app
        .send(Method::GET, "/api/courses", Some("nonsense"), None)
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn search_is_case_insensitive_with_wildcards_literal() {
    let app = TestApp::spawn().await;
    shelf(&app).await;
    for (query, want) in [
        ("RUST", vec!["Rust for beginners"]),
        ("ownership rust", vec!["Rust for beginners"]),
        ("100%", vec!["Rust for beginners"]),
        ("%", vec!["Rust for beginners"]),
        ("sql_t", vec!["Advanced SQL_tuning"]),
        ("_", vec!["Advanced SQL_tuning"]),
        ("ql", vec!["Advanced SQL_tuning"]),
        ("arehouse", vec!["Forklift safety"]),
        ("école", vec!["Forklift safety"]),
        ("\"quoted\"", vec![]),
        ("draft", vec![]),
        ("nothing-like-it", vec![]),
    ] {
        let res = app
            .get(&format!("/api/courses?search={}", urlencode(query)))
            .await;
        assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.text);
        assert_eq!(titles(&res.json), want, "{query}");
    }
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn filters_and_sorts_narrow_the_shelf() {
    let app = TestApp::spawn().await;
    let (ada, _) = shelf(&app).await;
    for (query, want) in [
        (
            "level=beginner&sort=title",
            vec!["Forklift safety", "Rust for beginners"],
        ),
        ("tags=rust,programming", vec!["Rust for beginners"]),
        ("tags=rust,sql", vec![]),
        ("featured=true", vec!["Rust for beginners"]),
        (
            "minPrice=10&maxPrice=49.50&sort=price",
            vec!["Rust for beginners", "Advanced SQL_tuning"],
        ),
        (
            "sort=-price",
            vec![
                "Advanced SQL_tuning",
                "Rust for beginners",
                "Forklift safety",
            ],
        ),
        ("category=Data", vec!["Advanced SQL_tuning"]),
        (
            &format!("trainerId={}&sort=title", ada.id),
            vec!["Advanced SQL_tuning", "Rust for beginners"],
        ),
        ("limit=1&page=2&sort=title", vec!["Forklift safety"]),
        ("page=99", vec![]),
    ] {
        let res = app.get(&format!("/api/courses?{query}")).await;
        assert_eq!(res.status, StatusCode::OK, "{query}: {}", res.text);
        assert_eq!(titles(&res.json), want, "{query}");
    }
    let res = app.get("/api/courses?limit=5000").await;
    assert_eq!(res.json["pagination"]["itemsPerPage"], 100);
    let res = app.get("/api/courses?level=guru&sort=id&minPrice=-1").await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY);
    for field in ["level", "sort", "minPrice"] {
        assert!(
            res.json["error"]["fields"][field].is_array(),
            "{field}: {}",
            res.text
        );
    }
}

/// Inserts `n` published courses of one trainer, in bulk.
async fn many(app: &TestApp, n: usize) {
    let trainer = UserBuilder::trainer().create(app).await;
    let now = chrono::Utc::now();
    for chunk in (0..n).collect::<Vec<_>>().chunks(500) {
        let rows = chunk.iter().map(|i| courses::ActiveModel {
            id: Set(uuid::Uuid::now_v7()),
            trainer_id: Set(trainer.id),
            title: Set(format!("Course number {i}")),
            description: Set(format!("Lesson plan {i} about topic {}", i % 97)),
            is_published: Set(Some(true)),
            price: Set(Decimal::new((i % 5000) as i64, 2)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        });
        courses::Entity::insert_many(rows)
            .exec(app.db())
            .await
            .expect("bulk insert");
    }
}

#[tokio::test]
async fn a_catalogue_page_is_one_query_plus_a_count_on_ten_thousand_courses() {
    let app = TestApp::spawn().await;
    many(&app, 10_000).await;
    let (state, log) = crate::helpers::logged_state(&app);
    for (search, limit) in [("", 100), ("topic 42", 20), ("", 1)] {
        log.lock().unwrap().clear();
        let filter = CatalogueFilter {
            words: courseworx::domain::course::search_words(search),
            ..Default::default()
        };
        let page = courseworx::services::courses::catalogue(
            &state,
            None::<&Actor>,
            false,
            &filter,
            CatalogueSort::default(),
            PageRequest::new(Some(2), Some(limit)),
        )
        .await
        .expect("catalogue");
        assert!(!page.items.is_empty());
        assert!(page.items.iter().all(|c| !c.trainer.first_name.is_empty()));
        // The catalogue's version first (a kept page's refresh may need no more).
        let statements: Vec<String> = log.lock().unwrap().iter().map(|s| s.to_string()).collect();
        assert_eq!(statements.len(), 3, "{search:?} {limit}: {statements:#?}");
        assert!(
            statements[0].contains("catalogue_versions"),
            "{statements:#?}"
        );
        assert!(
            statements[2].to_uppercase().contains("COUNT("),
            "{statements:#?}"
        );
    }
}

/// The statements the catalogue service runs for one search, as the database received
/// them (values inlined).
async fn catalogue_statements(app: &TestApp, search: &str) -> Vec<String> {
    let (state, log) = crate::helpers::logged_state(app);
    let filter = CatalogueFilter {
        words: courseworx::domain::course::search_words(search),
        ..Default::default()
    };
    courseworx::services::courses::catalogue(
        &state,
        None::<&Actor>,
        false,
        &filter,
        CatalogueSort::default(),
        PageRequest::new(None, None),
    )
    .await
    .expect("catalogue");
    log.lock().unwrap().iter().map(|s| s.to_string()).collect()
}

#[tokio::test]
async fn search_reads_the_trigram_index_not_the_table() {
    let app = TestApp::spawn().await;
    let rows = 2_000;
    many(&app, rows).await;
    let db = app.db();
    let backend = db.get_database_backend();
    let mut statements = catalogue_statements(&app, "number 1234").await;
    assert_eq!(statements.len(), 3);
    assert!(statements.remove(0).contains("catalogue_versions"));
    if on_postgres(db) {
        // PostgreSQL rightly reads a table this small whole, or through another index: at
        // 100,000 courses it chooses the trigram index by itself (BENCHMARKS.md). Here:
        // the catalogue's queries search on exactly the index's expression, and with the
        // other ways forbidden, that expression is answered from the index.
        let expr = migration::m20261204_000017_add_course_search::PG_SEARCH_EXPR;
        for statement in &statements {
            assert!(
                statement.contains(&format!("{expr} ILIKE '%1234%'")),
                "{statement}"
            );
        }
        let txn = db.begin().await.unwrap();
        txn.execute_unprepared("SET LOCAL enable_seqscan = off")
            .await
            .unwrap();
        let rows = txn
            .query_all_raw(Statement::from_string(
                backend,
                format!("EXPLAIN SELECT id FROM courses WHERE {expr} ILIKE '%1234%'"),
            ))
            .await
            .unwrap();
        txn.rollback().await.unwrap();
        let plan: Vec<String> = rows
            .iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect();
        assert!(plan.join("\n").contains("courses_search_trgm"), "{plan:#?}");
    } else {
        // The catalogue's own page query and count: the search index leads, and courses
        // are then found by their key, never scanned (even before SQLite has statistics).
        for statement in &statements {
            let rows = db
                .query_all_raw(Statement::from_string(
                    backend,
                    format!("EXPLAIN QUERY PLAN {statement}"),
                ))
                .await
                .unwrap();
            let plan = rows
                .iter()
                .map(|r| r.try_get::<String>("", "detail").unwrap())
                .collect::<Vec<_>>()
                .join("\n");
            assert!(plan.contains("VIRTUAL TABLE INDEX"), "{statement}\n{plan}");
            assert!(!plan.contains("SCAN courses"), "{statement}\n{plan}");
            assert!(!plan.contains("isPublished"), "{statement}\n{plan}");
        }
    }
    // And the search finds the right rows through it: "topic" and "42" are in a few in a hundred,
    // "number 1234" in one.
    let res = app.get("/api/courses?search=topic%2042&limit=100").await;
    let total = res.json["pagination"]["totalItems"].as_u64().unwrap();
    assert!(total > 0 && total < rows as u64 / 10, "{total}");
    let res = app.get("/api/courses?search=number%201234").await;
    assert_eq!(titles(&res.json), ["Course number 1234"]);
}

#[tokio::test]
async fn a_course_edit_is_searchable_at_once() {
    let app = TestApp::spawn().await;
    let trainer = UserBuilder::trainer().create(&app).await;
    let course = CourseBuilder::new(&trainer).published().create(&app).await;
    let token = app.login(&trainer.email, crate::fixtures::PASSWORD).await;
    app.send(
        Method::PUT,
        &format!("/api/courses/{}", course.id),
        Some(&token),
        Some(serde_json::json!({"shortDescription": "Zebra crossings"})),
    )
    .await;
    assert_eq!(
        titles(&app.get("/api/courses?search=zebra").await.json).len(),
        1
    );
    assert_eq!(
        titles(&app.get("/api/courses?search=starter").await.json).len(),
        1
    );
    app.send(
        Method::DELETE,
        &format!("/api/courses/{}", course.id),
        Some(&token),
        None,
    )
    .await;
    assert!(titles(&app.get("/api/courses?search=zebra").await.json).is_empty());
}

/// The public categories come from a walk down the category index, one step per category:
/// each published category once, in order, past drafts that share or sit between them.
#[tokio::test]
async fn the_public_categories_are_the_published_courses_each_once_in_order() {
    let app = TestApp::spawn().await;
    let trainer = UserBuilder::trainer().create(&app).await;
    for (category, published) in [
        ("Logistics", true),
        ("Data", false),
        ("Logistics", true),
        ("Baking", false),
        ("Baking", true),
        ("Carpentry", false),
        ("Zoology", true),
    ] {
        let course = CourseBuilder::new(&trainer);
        let course = if published {
            course.published()
        } else {
            course
        };
        let course = course.create(&app).await;
        let mut row: courses::ActiveModel = course.into();
        row.category = Set(Some(category.to_owned()));
        row.update(app.db()).await.unwrap();
    }
    let cats = app.get("/api/categories").await;
    assert_eq!(
        cats.json["categories"],
        serde_json::json!(["Baking", "Logistics", "Zoology"])
    );
    // A super admin's list (every course) still has the drafts' categories.
    let (_, admin) = app.signed_in(Role::SuperAdmin).await;
    let all = app
        .send(Method::GET, "/api/categories", Some(&admin), None)
        .await;
    assert_eq!(
        all.json["categories"],
        serde_json::json!(["Baking", "Carpentry", "Data", "Logistics", "Zoology"])
    );
}

/// The catalogue's version moves with every course write that can change which courses a
/// page holds, in what order or how many match, and with no other: a kept page's refresh
/// then reads the version and its cards (fresh enrolment counts) and counts nothing,
/// until a course write, on any instance, moves the version.
#[tokio::test]
async fn a_kept_page_is_counted_again_only_after_a_course_write() {
    use courseworx::db::courses::catalogue_version;
    let app = TestApp::spawn().await;
    let (ada, _) = shelf(&app).await;
    let db = app.db();
    let version = || async { catalogue_version(db).await.unwrap().unwrap() };
    let (state, log) = crate::helpers::logged_state(&app);
    let filter = CatalogueFilter {
        words: courseworx::domain::course::search_words("rust"),
        ..Default::default()
    };
    let read = || async {
        log.lock().unwrap().clear();
        let page = courseworx::services::courses::published_page(
            &state,
            &filter,
            CatalogueSort::default(),
            PageRequest::new(Some(1), Some(20)),
        )
        .await
        .unwrap();
        let counted = log
            .lock()
            .unwrap()
            .iter()
            .any(|s| s.to_string().to_uppercase().contains("COUNT("));
        (page, counted)
    };

    let (first, counted) = read().await;
    assert!(counted);
    assert_eq!(first.pagination.total_items, 1);
    let rust = first.items[0].id;
    // Enrolment counts and caps are not course writes for the version: the refresh reads
    // the cards again, with the new count, and does not count.
    let before = version().await;
    let write = |sql: &str, id: uuid::Uuid| {
        let sql = if on_postgres(db) {
            sql.to_owned()
        } else {
            sql.replace("$1", "?")
        };
        db.execute_raw(Statement::from_sql_and_values(
            db.get_database_backend(),
            sql,
            [id.into()],
        ))
    };
    write(
        r#"UPDATE courses SET "enrollmentCount" = 7, "maxStudents" = 9 WHERE id = $1"#,
        rust,
    )
    .await
    .unwrap();
    assert_eq!(version().await, before);
    let (again, counted) = read().await;
    assert!(!counted, "{:#?}", log.lock().unwrap());
    assert_eq!(log.lock().unwrap().len(), 2, "{:#?}", log.lock().unwrap());
    assert_eq!(again.items[0].enrollment_count, 7);
    assert_eq!(again.items[0].places_left, Some(2));
    assert_eq!(again.pagination, first.pagination);

    // A new course moves it (written as another instance would: straight to the database),
    // and the page is counted again and holds it.
    let second = CourseBuilder::new(&ada)
        .title("Rust in practice")
        .published()
        .create(&app)
        .await;
    let moved = version().await;
    assert!(moved > before);
    let (page, counted) = read().await;
    assert!(counted);
    assert_eq!(page.pagination.total_items, 2);
    // So do a title, a price, unpublishing and a deletion, each once.
    let mut last = moved;
    for (sql, id) in [
        (
            r#"UPDATE courses SET title = 'Go in practice' WHERE id = $1"#,
            second.id,
        ),
        (r#"UPDATE courses SET price = 5 WHERE id = $1"#, rust),
        (
            r#"UPDATE courses SET "isPublished" = FALSE WHERE id = $1"#,
            rust,
        ),
        (r#"DELETE FROM courses WHERE id = $1"#, second.id),
    ] {
        assert_eq!(write(sql, id).await.unwrap().rows_affected(), 1, "{sql}");
        let now = version().await;
        assert!(now > last, "{sql}");
        last = now;
    }
    let (page, counted) = read().await;
    assert!(counted);
    assert_eq!(page.pagination.total_items, 0);
    assert!(page.items.is_empty());
}

/// A published course this instance read less than half a second ago is shown without
/// reading the database (anyone may view a published course); unpublished through this
/// instance, it is hidden from the next request, and a draft is never served from memory.
#[tokio::test]
async fn a_fresh_published_course_is_shown_without_a_query_and_hidden_at_once_when_unpublished() {
    let app = TestApp::spawn().await;
    let trainer = UserBuilder::trainer().create(&app).await;
    let course = CourseBuilder::new(&trainer).published().create(&app).await;
    let (state, log) = crate::helpers::logged_state(&app);
    let show = || courseworx::services::courses::show(&state, None::<&Actor>, course.id);
    assert_eq!(show().await.unwrap().id, course.id);
    log.lock().unwrap().clear();
    assert_eq!(show().await.unwrap().id, course.id);
    assert!(log.lock().unwrap().is_empty(), "{:#?}", log.lock().unwrap());

    let token = app.login(&trainer.email, crate::fixtures::PASSWORD).await;
    let res = app
        .send(
            Method::POST,
            &format!("/api/courses/{}/unpublish", course.id),
            Some(&token),
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.text);
    let gone = app.get(&format!("/api/courses/{}", course.id)).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND, "{}", gone.text);
    assert!(show().await.is_err());
    // The trainer still sees their draft, read each time.
    log.lock().unwrap().clear();
    let draft =
        courseworx::services::courses::show(&state, Some(&Actor::from(&trainer)), course.id)
            .await
            .unwrap();
    assert!(!draft.is_published);
    assert!(!log.lock().unwrap().is_empty());
}
