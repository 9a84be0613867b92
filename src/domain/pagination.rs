//! `?page=&limit=` and the `pagination` object of every list (DESIGN.md section 4).

use serde::Serialize;

use super::validation::{FieldError, FieldErrors};

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// A validated page request: page from 1, limit 1..=100 (larger limits are capped).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageRequest {
    pub page: u64,
    pub limit: u64,
}

impl PageRequest {
    pub fn new(page: Option<u64>, limit: Option<u64>) -> PageRequest {
        PageRequest {
            page: page.unwrap_or(1).max(1),
            limit: limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT),
        }
    }

    /// From an API query string, where the numbers are signed 64-bit (as the OpenAPI
    /// document declares them): a negative page or limit is refused, not guessed at.
    pub fn from_query(page: Option<i64>, limit: Option<i64>) -> Result<PageRequest, FieldErrors> {
        let mut errors = FieldErrors::default();
        for (field, value) in [("page", page), ("limit", limit)] {
            if value.is_some_and(|v| v < 0) {
                errors.add(field, FieldError::Negative);
            }
        }
        let unsigned = |v: Option<i64>| v.and_then(|v| u64::try_from(v).ok());
        errors.finish(PageRequest::new(unsigned(page), unsigned(limit)))
    }

    /// Rows to skip. Databases take a signed 64-bit offset, so a far-off page stops at
    /// `i64::MAX` (an empty page) instead of overflowing in the driver.
    pub fn offset(&self) -> u64 {
        (self.page - 1)
            .saturating_mul(self.limit)
            .min(i64::MAX as u64)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Pagination {
    pub current_page: u64,
    pub total_pages: u64,
    pub total_items: u64,
    pub items_per_page: u64,
}

impl Pagination {
    pub fn new(request: PageRequest, total_items: u64) -> Pagination {
        Pagination {
            current_page: request.page,
            total_pages: total_items.div_ceil(request.limit),
            total_items,
            items_per_page: request.limit,
        }
    }
}

/// One page of items and where it sits.
#[derive(Debug, Clone)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub pagination: Pagination,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_caps() {
        assert_eq!(
            PageRequest::new(None, None),
            PageRequest { page: 1, limit: 20 }
        );
        assert_eq!(PageRequest::new(Some(0), Some(1000)).limit, 100);
        assert_eq!(
            PageRequest::new(Some(0), Some(0)),
            PageRequest { page: 1, limit: 1 }
        );
        assert_eq!(PageRequest::new(Some(3), Some(10)).offset(), 20);
        assert_eq!(
            PageRequest::new(Some(u64::MAX), Some(100)).offset(),
            i64::MAX as u64
        );
        assert_eq!(
            PageRequest::new(Some(1 << 63), Some(1)).offset(),
            i64::MAX as u64
        );
    }

    #[test]
    fn negative_query_numbers_are_refused() {
        let e = PageRequest::from_query(Some(-1), Some(-5)).unwrap_err();
        assert!(e.get("page").is_some() && e.get("limit").is_some());
        assert_eq!(
            PageRequest::from_query(Some(0), None).unwrap(),
            PageRequest { page: 1, limit: 20 }
        );
        assert_eq!(
            PageRequest::from_query(Some(i64::MAX), Some(i64::MAX)).unwrap(),
            PageRequest {
                page: i64::MAX as u64,
                limit: 100
            }
        );
    }

    #[test]
    fn total_pages_round_up() {
        let p = Pagination::new(PageRequest::new(Some(1), Some(20)), 41);
        assert_eq!((p.total_pages, p.total_items), (3, 41));
        assert_eq!(
            Pagination::new(PageRequest::new(None, None), 0).total_pages,
            0
        );
    }
}
