//! `?page=&limit=` and the `pagination` object of every list (DESIGN.md section 4).

use serde::Serialize;

pub const DEFAULT_LIMIT: u64 = 20;
pub const MAX_LIMIT: u64 = 100;

/// A validated page request: page from 1, limit 1..=100 (larger limits are capped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.limit)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
            u64::MAX
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
