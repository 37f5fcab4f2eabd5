//! `FlexiDate`: a date as precise as the documents allow — a day, a month, a year, a range, an
//! approximate year, or unknown. Documents rarely agree on exact dates; this keeps what they say.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A calendar day (Gregorian), valid by construction when made with `Day::new`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Day {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// Days in a month of a year (leap years included).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl Day {
    /// A valid day between the years 1800 and 2200, or `None` (31 April, 29 February 2019…).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1800..=2200).contains(&year) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Self::new(year, month, day)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date known to some precision.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum FlexiDate {
    #[default]
    Unknown,
    Exact(Day),
    Month {
        year: i32,
        month: u8,
    },
    Year(i32),
    /// Around this year (± a few years), as a relative estimates it.
    Approximate(i32),
    /// Somewhere between two days (inclusive).
    Range {
        from: Day,
        to: Day,
    },
}

impl FlexiDate {
    /// The earliest and latest day this date may be; `None` when unknown.
    pub fn bounds(&self) -> Option<(Day, Day)> {
        let year_bounds = |year: i32, slack: i32| {
            Some((
                Day::new(year - slack, 1, 1)?,
                Day::new(year + slack, 12, 31)?,
            ))
        };
        match *self {
            FlexiDate::Unknown => None,
            FlexiDate::Exact(day) => Some((day, day)),
            FlexiDate::Month { year, month } => Some((
                Day::new(year, month, 1)?,
                Day::new(year, month, days_in_month(year, month))?,
            )),
            FlexiDate::Year(year) => year_bounds(year, 0),
            FlexiDate::Approximate(year) => year_bounds(year, 2),
            FlexiDate::Range { from, to } => Some((from, to)),
        }
    }

    /// True when `day` could be this date (used to compare a recorded birth date with the one
    /// embedded in an ID number). Unknown is compatible with everything.
    pub fn admits(&self, day: Day) -> bool {
        self.bounds()
            .is_none_or(|(from, to)| from <= day && day <= to)
    }

    /// True when nothing is known.
    pub fn is_unknown(&self) -> bool {
        matches!(self, FlexiDate::Unknown)
    }

    /// Parses what a user types: `1980-03-14`, `1980-03`, `1980`, `~1980` (approximate),
    /// `1980-03-14..1981-01-01` (range); empty is unknown.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        if text.is_empty() {
            return Some(FlexiDate::Unknown);
        }
        if let Some((from, to)) = text.split_once("..") {
            let (from, to) = (Day::parse_iso(from)?, Day::parse_iso(to)?);
            return (from <= to).then_some(FlexiDate::Range { from, to });
        }
        if let Some(year) = text.strip_prefix('~') {
            let year: i32 = year.trim().parse().ok()?;
            return Day::new(year, 1, 1).map(|_| FlexiDate::Approximate(year));
        }
        let parts: Vec<&str> = text.split('-').collect();
        match parts.as_slice() {
            [year] => {
                let year: i32 = year.parse().ok()?;
                Day::new(year, 1, 1).map(|_| FlexiDate::Year(year))
            }
            [year, month] => {
                let (year, month): (i32, u8) = (year.parse().ok()?, month.parse().ok()?);
                Day::new(year, month, 1).map(|_| FlexiDate::Month { year, month })
            }
            [_, _, _] => Day::parse_iso(text).map(FlexiDate::Exact),
            _ => None,
        }
    }
}

impl fmt::Display for FlexiDate {
    /// The same notation `parse` reads, so that a displayed date can be edited and re-read.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FlexiDate::Unknown => Ok(()),
            FlexiDate::Exact(day) => write!(f, "{day}"),
            FlexiDate::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            FlexiDate::Year(year) => write!(f, "{year:04}"),
            FlexiDate::Approximate(year) => write!(f, "~{year:04}"),
            FlexiDate::Range { from, to } => write!(f, "{from}..{to}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_validated() {
        assert!(Day::new(2020, 2, 29).is_some());
        assert!(Day::new(2019, 2, 29).is_none());
        assert!(Day::new(1900, 2, 29).is_none());
        assert!(Day::new(2000, 2, 29).is_some());
        assert!(Day::new(2021, 4, 31).is_none());
        assert!(Day::new(2021, 13, 1).is_none());
        assert!(Day::new(2021, 1, 0).is_none());
    }

    #[test]
    fn every_form_parses_and_displays_back_to_itself() {
        for text in [
            "",
            "1980-03-14",
            "1980-03",
            "1980",
            "~1975",
            "1979-12-01..1980-02-29",
        ] {
            let date = FlexiDate::parse(text).unwrap_or_else(|| panic!("parses {text}"));
            assert_eq!(date.to_string(), text);
        }
        for bad in [
            "1980-02-30",
            "80",
            "1980-3-",
            "x",
            "1981-01-01..1980-01-01",
            "~abc",
        ] {
            assert_eq!(FlexiDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn admits_follows_the_precision() {
        let day = Day::new(1980, 3, 14).expect("day");
        assert!(FlexiDate::parse("1980").expect("y").admits(day));
        assert!(FlexiDate::parse("1980-03").expect("m").admits(day));
        assert!(!FlexiDate::parse("1980-04").expect("m").admits(day));
        assert!(FlexiDate::parse("~1982").expect("a").admits(day));
        assert!(!FlexiDate::parse("~1990").expect("a").admits(day));
        assert!(FlexiDate::Unknown.admits(day));
    }
}
