//! `kyodo serve`: live preview on 127.0.0.1, rebuilt when content or theme changes.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use kyodo::preview::Preview;
use kyodo::serve::{respond, Shared, State};
use notify::{RecursiveMode, Watcher};

/// Options of `kyodo serve`.
#[derive(clap::Args)]
pub struct Args {
    /// The site root.
    #[arg(long, value_name = "DIR", default_value = ".")]
    root: PathBuf,
    /// The port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

/// Rebuilds after a change and stores the result: the new files if it built, else the
/// error (the last good files stay).
fn rebuild(preview: &mut Preview, changed: &[PathBuf], state: &Shared) {
    let result = preview.rebuild(changed);
    let mut s = match state.write() {
        Ok(s) => s,
        Err(poisoned) => poisoned.into_inner(),
    };
    s.version += 1;
    match result {
        Ok(rebuilt) => {
            if !rebuilt.warnings.0.is_empty() {
                eprintln!("{}", rebuilt.warnings);
            }
            let how = if rebuilt.incremental { "changed pages and data" } else { "the whole site" };
            eprintln!("rebuilt {} files ({how}) in {} ms", rebuilt.rendered, rebuilt.millis);
            s.files = preview.files().clone();
            s.error = None;
        }
        Err(diags) => {
            eprintln!("{diags}\nthe preview keeps showing the last version that built");
            s.error = Some(diags.to_string());
        }
    }
}

pub fn run(args: Args) -> ExitCode {
    let state: Shared = Arc::new(RwLock::new(State::default()));
    let mut preview = Preview::new(&args.root);
    rebuild(&mut preview, &[], &state);

    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let mut watcher = match notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(e) = event {
            if !matches!(e.kind, notify::EventKind::Access(_)) {
                let _ = tx.send(e.paths);
            }
        }
    }) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: cannot watch for changes: {e}");
            return ExitCode::FAILURE;
        }
    };
    for dir in ["content", "themes"] {
        let path = args.root.join(dir);
        if path.is_dir() {
            if let Err(e) = watcher.watch(&path, RecursiveMode::Recursive) {
                eprintln!("error: cannot watch {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let rebuild_state = state.clone();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            // Editors write a file in several steps; wait for quiet before building.
            let mut changed: BTreeSet<PathBuf> = first.into_iter().collect();
            while let Ok(more) = rx.recv_timeout(Duration::from_millis(150)) {
                changed.extend(more);
            }
            // Editors' temporary files (foo.toml~, .foo.swp) are not records.
            let changed: Vec<PathBuf> = changed.into_iter().filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.') || n.to_string_lossy().ends_with('~'))).collect();
            if !changed.is_empty() {
                rebuild(&mut preview, &changed, &rebuild_state);
            }
        }
    });

    let server = match tiny_http::Server::http(("127.0.0.1", args.port)) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot listen on 127.0.0.1:{}: {e}\n  = help: choose another port with --port", args.port);
            return ExitCode::FAILURE;
        }
    };
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    // Printed on stdout so that scripts and tests can read the address.
    println!("serving {} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", args.root.display());
    for request in server.incoming_requests() {
        let response = match state.read() {
            Ok(s) => respond(&s, request.url()),
            Err(poisoned) => respond(&poisoned.into_inner(), request.url()),
        };
        let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], response.content_type.as_bytes()).ok();
        let no_cache = tiny_http::Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..]).ok();
        let mut reply = tiny_http::Response::from_data(response.body).with_status_code(response.status);
        for h in [header, no_cache].into_iter().flatten() {
            reply.add_header(h);
        }
        let _ = request.respond(reply);
    }
    drop(watcher);
    ExitCode::SUCCESS
}
