//! Calendar dates without a clock: the proleptic Gregorian calendar, counted in days.
//!
//! There is no "now" here. Every evaluation receives `today` explicitly.

use std::fmt;

/// A calendar date, stored as the number of days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    days: i32,
}

impl Date {
    /// 1970-01-01.
    pub const EPOCH: Date = Date { days: 0 };
}

/// The earliest year a date may have.
pub const MIN_YEAR: i32 = 1000;
/// The latest year a date may have.
pub const MAX_YEAR: i32 = 9999;

impl Date {
    /// The date `year-month-day`, or `None` when it does not exist or lies outside years 1000–9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date {
            days: days_from_civil(year, month, day),
        })
    }

    /// Parses `YYYY-MM-DD` exactly (four, two and two digits).
    pub fn parse(text: &str) -> Option<Date> {
        let b = text.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<u32> {
            let s = text.get(r)?;
            if !s.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            s.parse().ok()
        };
        let y = num(0..4)?;
        let m = num(5..7)?;
        let d = num(8..10)?;
        Date::from_ymd(i32::try_from(y).ok()?, m, d)
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i32 {
        self.days
    }

    /// The date from a day count since 1970-01-01, when it lies within years 1000–9999. The range is
    /// checked before any calendar arithmetic, so no day count (up to `i64`'s extremes) can overflow.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let first = i64::from(days_from_civil(MIN_YEAR, 1, 1));
        let last = i64::from(days_from_civil(MAX_YEAR, 12, 31));
        if !(first..=last).contains(&days) {
            return None;
        }
        Some(Date {
            days: i32::try_from(days).ok()?,
        })
    }

    /// Year, month (1–12) and day (1–31).
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.days)
    }

    /// This date plus `n` calendar days (negative goes back), or `None` outside the supported years.
    pub fn add_days(self, n: i64) -> Option<Date> {
        Date::from_days_since_epoch(i64::from(self.days).checked_add(n)?)
    }

    /// Whole days from `self` to `other` (`other - self`).
    pub fn days_until(self, other: Date) -> i64 {
        i64::from(other.days) - i64::from(self.days)
    }

    /// The date `n` working days (Monday to Friday) after this one (before it for negative `n`).
    /// From a weekend day, the first working day counts as one: Saturday + 1 working day is Monday.
    pub fn add_working_days(self, n: i64) -> Option<Date> {
        let step: i64 = if n < 0 { -1 } else { 1 };
        let mut left = n.checked_abs()?;
        let mut d = self;
        // Step to the first working day that counts, so that whole weeks are jumped from a weekday.
        while left > 0 {
            d = d.add_days(step)?;
            if !d.is_weekend() {
                left -= 1;
                break;
            }
        }
        // From a weekday, five working days are exactly one week.
        let weeks = left / 5;
        d = d.add_days(weeks.checked_mul(7)?.checked_mul(step)?)?;
        left -= weeks * 5;
        while left > 0 {
            d = d.add_days(step)?;
            if !d.is_weekend() {
                left -= 1;
            }
        }
        Some(d)
    }

    /// Day of the week: 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        u32::try_from((i64::from(self.days) + 3).rem_euclid(7)).unwrap_or(0)
    }

    /// True on Saturday and Sunday.
    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }
}

impl Date {
    /// The date as a person reads it: `28-11-2026` in Dutch, `2026-11-28` in English (unambiguous there,
    /// as given). The machine form (`value`, JSON, the rules) stays `YYYY-MM-DD`.
    pub fn label(self) -> crate::model::Text {
        let (y, m, d) = self.ymd();
        crate::model::Text {
            nl: format!("{d:02}-{m:02}-{y:04}"),
            en: self.to_string(),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

// Day counts after the well-known era-based civil calendar method (Howard Hinnant), for i32 days.
fn days_from_civil(y: i32, m: u32, d: u32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // [0, 399]
    let m = m as i32;
    let d = d as i32;
    let mp = if m > 2 { m - 3 } else { m + 9 }; // [0, 11]
    let doy = (153 * mp + 2) / 5 + d - 1; // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i32) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // [0, 399]
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    let mp = (5 * doy + 2) / 153; // [0, 11]
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32; // [1, 31]
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32; // [1, 12]
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_days_skip_weekends_and_agree_with_counting_one_by_one() {
        let naive = |d: Date, n: i64| {
            let step = if n < 0 { -1 } else { 1 };
            let (mut d, mut left) = (d, n.abs());
            while left > 0 {
                d = d.add_days(step).unwrap();
                if !d.is_weekend() {
                    left -= 1;
                }
            }
            d
        };
        let monday = Date::parse("2026-03-02").unwrap();
        for start in 0..14 {
            let d = monday.add_days(start).unwrap();
            for n in -30..=30 {
                assert_eq!(d.add_working_days(n), Some(naive(d, n)), "{d} {n}");
            }
        }
        let friday = Date::parse("2026-03-06").unwrap();
        assert_eq!(
            friday.add_working_days(1).unwrap().to_string(),
            "2026-03-09"
        );
        assert_eq!(
            friday.add_working_days(10).unwrap().to_string(),
            "2026-03-20"
        );
        assert_eq!(friday.add_working_days(i64::MAX), None);
    }

    #[test]
    fn round_trips_and_knows_leap_years() {
        for text in [
            "2024-02-29",
            "2026-01-01",
            "1970-01-01",
            "2000-12-31",
            "1000-01-01",
            "9999-12-31",
        ] {
            let d = Date::parse(text).map(|d| d.to_string());
            assert_eq!(d.as_deref(), Some(text));
        }
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("26-01-01"), None);
    }

    #[test]
    fn day_counts_far_outside_the_calendar_are_no_date_and_never_overflow() {
        let first = Date::parse("1000-01-01").unwrap();
        let last = Date::parse("9999-12-31").unwrap();
        assert_eq!(first.add_days(-1), None);
        assert_eq!(last.add_days(1), None);
        assert_eq!(
            last.add_days(-1).map(|d| d.to_string()).as_deref(),
            Some("9999-12-30")
        );
        // About 2^31 days from the earliest date: the day number still fits an i32, but the calendar
        // arithmetic on it used to overflow (a panic in a debug build, a wrapped date in release).
        for n in [
            2_147_129_363,
            2_147_483_648,
            i64::from(i32::MAX),
            i64::from(i32::MIN),
            i64::MAX,
            i64::MIN,
        ] {
            assert_eq!(first.add_days(n), None, "{n}");
            assert_eq!(last.add_days(n), None, "{n}");
            assert_eq!(Date::from_days_since_epoch(n), None, "{n}");
            assert_eq!(first.add_working_days(n), None, "{n}");
        }
    }

    #[test]
    fn weekdays_and_arithmetic() {
        let d = Date::parse("2026-11-23").map(|d| d.weekday());
        assert_eq!(d, Some(0)); // a Monday
        let a = Date::parse("2026-02-20");
        let b = a.and_then(|a| a.add_days(14)).map(|d| d.to_string());
        assert_eq!(b.as_deref(), Some("2026-03-06"));
    }
}
