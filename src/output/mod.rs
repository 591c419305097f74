//! Values out: `repr`/`str` as CPython prints them, and number formatting.

pub mod format;
pub mod ndprint;
pub mod profile;
pub mod repr;
