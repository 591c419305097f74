//! Values out: `repr`/`str` as CPython prints them, number formatting, and tables.

pub mod format;
pub mod ndprint;
pub mod profile;
pub mod repr;
pub mod table;
