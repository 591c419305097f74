//! Fuzz target `lex`: arbitrary bytes through the logos lexer and the layout pass.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| pgs::fuzzing::lex(data));
