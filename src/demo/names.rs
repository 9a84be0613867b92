//! Names, titles and text, drawn from small word lists with the generator's seeded RNG.

use rand::Rng;
use rand::rngs::StdRng;

pub const FIRST_NAMES: &[&str] = &[
    "Amina", "Ben", "Carla", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Lena", "Malik", "Nora", "Omar", "Priya", "Quinn", "Rosa", "Samir", "Tara", "Umar", "Vera",
    "Wei", "Ximena", "Yusuf", "Zara", "Layla", "Mateo", "Sofia", "Yara", "Karim", "Hana",
];

pub const LAST_NAMES: &[&str] = &[
    "Abbas",
    "Berger",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Khan",
    "Lindqvist",
    "Mansour",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quraishi",
    "Rossi",
    "Saleh",
    "Tanaka",
    "Usman",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zayed",
    "Morgan",
    "Nasser",
    "Costa",
    "Bauer",
];

const TOPICS: &[&str] = &[
    "Project Management",
    "Data Protection",
    "Customer Service",
    "Workplace Safety",
    "Financial Reporting",
    "Leadership",
    "Negotiation",
    "Python Programming",
    "Cloud Operations",
    "Quality Assurance",
    "Supply Chain",
    "Public Speaking",
    "Digital Marketing",
    "Cyber Security",
    "Agile Delivery",
    "First Aid",
    "Business Writing",
    "Team Coaching",
    "Conflict Resolution",
    "Time Management",
];

const FLAVOURS: &[&str] = &[
    "Fundamentals",
    "Essentials",
    "in Practice",
    "for Managers",
    "Masterclass",
    "Bootcamp",
    "Advanced Topics",
    "Refresher",
];

const CATEGORIES: &[&str] = &[
    "Business",
    "Technology",
    "Compliance",
    "Health and Safety",
    "Soft Skills",
    "Finance",
];

const SECTION_NAMES: &[&str] = &[
    "Getting started",
    "Core ideas",
    "Tools and techniques",
    "Working examples",
    "Common pitfalls",
    "Case studies",
    "Putting it together",
    "Next steps",
];

const LESSON_NAMES: &[&str] = &[
    "Overview",
    "Key terms",
    "A worked example",
    "Step by step",
    "Checklist",
    "Questions to ask",
    "What can go wrong",
    "Good practice",
    "Summary",
    "Further reading",
];

const WORDS: &[&str] = &[
    "plan", "team", "risk", "review", "goal", "process", "customer", "report", "policy", "measure",
    "quality", "budget", "schedule", "feedback", "standard", "record", "method", "practice",
    "result", "decision", "example", "question", "system", "change", "value",
];

pub fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

pub fn person(rng: &mut StdRng) -> (&'static str, &'static str) {
    (pick(rng, FIRST_NAMES), pick(rng, LAST_NAMES))
}

/// A course title, numbered so that every title is different (`#12`).
pub fn course_title(rng: &mut StdRng, number: u32) -> String {
    format!("{} {} #{number}", pick(rng, TOPICS), pick(rng, FLAVOURS))
}

pub fn category(rng: &mut StdRng) -> &'static str {
    pick(rng, CATEGORIES)
}

pub fn section_title(order: usize) -> String {
    format!(
        "{}. {}",
        order + 1,
        SECTION_NAMES[order % SECTION_NAMES.len()]
    )
}

pub fn lesson_title(rng: &mut StdRng) -> &'static str {
    pick(rng, LESSON_NAMES)
}

/// A sentence of `words` words, capitalised, with a full stop.
pub fn sentence(rng: &mut StdRng, words: usize) -> String {
    let mut s = String::new();
    for i in 0..words {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(pick(rng, WORDS));
    }
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => s,
    }
}

pub fn paragraph(rng: &mut StdRng, sentences: usize) -> String {
    (0..sentences)
        .map(|_| {
            let n = rng.random_range(6..14);
            sentence(rng, n)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// An article in Markdown: a heading, paragraphs and a list.
pub fn article(rng: &mut StdRng) -> String {
    let mut md = format!("## {}\n\n", sentence(rng, 4).trim_end_matches('.'));
    for _ in 0..rng.random_range(2..5) {
        let n = rng.random_range(2..5);
        md.push_str(&paragraph(rng, n));
        md.push_str("\n\n");
    }
    for _ in 0..3 {
        md.push_str(&format!("- {}\n", sentence(rng, 5)));
    }
    md
}

pub fn word(rng: &mut StdRng) -> &'static str {
    pick(rng, WORDS)
}
