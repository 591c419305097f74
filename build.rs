//! Generates the parser from grammar/pgs.lalrpop into OUT_DIR (never into src/).
fn main() {
    lalrpop::Configuration::new()
        .set_in_dir("grammar")
        .emit_rerun_directives(true)
        .process()
        .expect("grammar/pgs.lalrpop must build");
}
