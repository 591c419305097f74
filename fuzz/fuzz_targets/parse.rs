//! Fuzz target `parse`: arbitrary text through the parser and the resolver.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pgs::fuzzing::parse(data));
