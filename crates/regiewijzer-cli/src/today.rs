//! Today's date from the system clock (UTC), and `--today` as given.

use std::time::{SystemTime, UNIX_EPOCH};

use regiewijzer_core::Date;

use crate::error::CliError;

/// The current date in UTC.
pub fn system_today() -> Result<Date, CliError> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_err(|_| CliError::Clock)?
        .as_secs();
    let days = i64::try_from(secs / 86_400).map_err(|_| CliError::Clock)?;
    Date::from_days_since_epoch(days).ok_or(CliError::Clock)
}

/// Reads `--today YYYY-MM-DD` (for clap).
pub fn parse_date(text: &str) -> Result<Date, String> {
    Date::parse(text).ok_or_else(|| {
        format!(
            "`{text}` is geen geldige datum (schrijf JJJJ-MM-DD, bv. 2026-03-01) / \
             is not a valid date (write YYYY-MM-DD, e.g. 2026-03-01)"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clock_gives_a_plausible_date() {
        let (y, _, _) = system_today().unwrap().ymd();
        assert!((2025..2200).contains(&y));
    }

    #[test]
    fn dates_are_read_exactly() {
        assert_eq!(parse_date("2026-03-01").unwrap().to_string(), "2026-03-01");
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("1-3-2026").is_err());
    }
}
