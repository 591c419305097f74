//! The interactive prompt: read a complete input (continuation lines while a block or
//! bracket is open), run it in the session, print the value or the error, repeat.
//! Every error returns to the prompt with every variable intact.

mod helper;

use crate::session::Session;
use helper::PgsHelper;
use rustyline::error::ReadlineError;
use rustyline::{Config, Editor};
use std::path::PathBuf;

/// Where the history lives: the user's state directory (XDG), else the home directory.
fn history_path() -> Option<PathBuf> {
    let dir = dirs::state_dir()
        .or_else(dirs::data_local_dir)
        .or_else(dirs::home_dir)?;
    Some(dir.join("pgs").join("history"))
}

const BANNER: &str = concat!(
    "pgs ",
    env!("CARGO_PKG_VERSION"),
    " — Python-flavoured, parallel, no GIL. :help for help, :quit or Ctrl-D to leave."
);

const HELP: &str = "\
Type pgs (Python) code; blocks and open brackets continue on '... ' lines.
  :help        this text
  :quit        leave (Ctrl-D works too)
Ctrl-C clears the line, or stops a running computation.";

/// Runs the REPL until the user leaves. Returns the process exit code.
pub fn run(mut session: Session) -> i32 {
    session.set_echo(true);
    let config = Config::builder().auto_add_history(false).build();
    let mut editor: Editor<PgsHelper, rustyline::history::DefaultHistory> =
        match Editor::with_config(config) {
            Ok(e) => e,
            Err(e) => {
                eprintln!("pgs: cannot start the line editor: {e}");
                return 1;
            }
        };
    editor.set_helper(Some(PgsHelper::new()));
    let history = history_path();
    if let Some(path) = &history {
        let _ = editor.load_history(path);
    }
    println!("{BANNER}");
    let mut counter = 0usize;
    loop {
        if let Some(h) = editor.helper_mut() {
            h.update_names(session.global_names());
        }
        match editor.readline(">>> ") {
            Ok(line) => {
                if line.trim().is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(line.as_str());
                match line.trim() {
                    ":quit" | ":q" | ":exit" => break,
                    ":help" => {
                        println!("{HELP}");
                        continue;
                    }
                    _ => {}
                }
                counter += 1;
                if let Err(e) = session.run(&format!("<stdin-{counter}>"), &(line + "\n")) {
                    eprint!("{}", session.render_error(&e));
                }
            }
            Err(ReadlineError::Interrupted) => {
                println!("KeyboardInterrupt");
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => {
                eprintln!("pgs: {e}");
                break;
            }
        }
    }
    if let Some(path) = &history {
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.save_history(path);
    }
    0
}
