//! Where rendered files go: a [`Sink`] takes each file as it is made. [`MemorySink`]
//! keeps them (tests, the preview), [`Discard`] drops them (`kyodo check`), and
//! [`super::Staging`] writes them into the staging folder of a build.

use std::collections::BTreeMap;
use std::sync::Mutex;

use crate::msg::Msg;

/// The rendered site: path relative to the output folder → file contents.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Output {
    pub files: BTreeMap<String, Vec<u8>>,
}

/// Where rendered files go. Called from several threads at once.
pub trait Sink: Sync {
    /// Stores one file; `path` is relative to the output root, with `/` separators.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Msg>;

    /// Opens a file to be written piece by piece (the large data files), so that it never
    /// needs to be in memory whole. It is stored by [`SinkFile::finish`].
    fn open(&self, path: &str) -> Result<Box<dyn SinkFile + '_>, Msg>;
}

/// A file of a [`Sink`] being written piece by piece.
pub trait SinkFile: std::io::Write + Send {
    /// Stores the file; writing errors surface here at the latest.
    fn finish(self: Box<Self>) -> Result<(), Msg>;
}

/// A sink that drops every file: rendering only to find errors.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _path: &str, _bytes: Vec<u8>) -> Result<(), Msg> {
        Ok(())
    }

    fn open(&self, _path: &str) -> Result<Box<dyn SinkFile + '_>, Msg> {
        Ok(Box::new(Dropped))
    }
}

/// A file of [`Discard`].
struct Dropped;

impl std::io::Write for Dropped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SinkFile for Dropped {
    fn finish(self: Box<Self>) -> Result<(), Msg> {
        Ok(())
    }
}

/// A file of a [`MemorySink`] being written.
struct MemoryFile<'a> {
    sink: &'a MemorySink,
    path: String,
    bytes: Vec<u8>,
}

impl std::io::Write for MemoryFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl SinkFile for MemoryFile<'_> {
    fn finish(self: Box<Self>) -> Result<(), Msg> {
        let MemoryFile { sink, path, bytes } = *self;
        sink.put(&path, bytes)
    }
}

/// A sink that keeps every file in memory.
#[derive(Debug, Default)]
pub struct MemorySink(pub Mutex<Output>);

impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Result<(), Msg> {
        let mut out = self.0.lock().map_err(
            |_| crate::msg!(ja: "ページを作る処理の一つが異常終了しました。", en: "a rendering thread failed"),
        )?;
        out.files.insert(path.to_owned(), bytes);
        Ok(())
    }

    fn open(&self, path: &str) -> Result<Box<dyn SinkFile + '_>, Msg> {
        Ok(Box::new(MemoryFile { sink: self, path: path.to_owned(), bytes: Vec::new() }))
    }
}

impl MemorySink {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}
