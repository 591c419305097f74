//! Fuzz target `eval`: arbitrary programs run to the end in a fresh session, under
//! the watchdog's time budget and `PGS_MEMORY_LIMIT`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: pgs::fuzzing::init(),
    |data: &[u8]| {
        let _ = pgs::fuzzing::eval(data, pgs::fuzzing::EVAL_BUDGET);
    }
);
