//! One way to word an enum on a page: `Label::key` names its Fluent message, and
//! `Page::label` translates it. Each enum's test checks every value has its message.

use crate::domain::course::Level;

/// A value the pages show as a translated word.
pub trait Label {
    /// The Fluent message that words this value.
    fn key(&self) -> &'static str;
}

impl Label for Level {
    fn key(&self) -> &'static str {
        match self {
            Level::Beginner => "level-beginner",
            Level::Intermediate => "level-intermediate",
            Level::Advanced => "level-advanced",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::i18n::Locale;

    #[test]
    fn every_level_is_worded_in_both_languages() {
        for level in Level::ALL {
            for locale in Locale::ALL {
                assert_ne!(locale.t(level.key()), level.key(), "{level:?} {locale:?}");
            }
        }
    }
}
