//! Giving freed memory back to the system at the end of start-up.

use std::ptr::null_mut;

/// Returns every page freed so far to the system, at once.
///
/// Loading the rules parses 1.5 MB of TOML and builds automata through
/// large temporary structures. jemalloc keeps freed pages for its decay
/// time (`dirty_decay_ms`, 200 ms, see `main.rs`) before it returns them,
/// so without this they would still be resident while the first batches
/// are linted, and count in the run's peak RSS (about 5 MB of it on the
/// benchmark's 200 MB file: 199 -> 194 MB). Where jemalloc is not the
/// global allocator (the library's tests), it has nothing to purge.
pub fn release_freed_pages() {
    // `arena.<MALLCTL_ARENAS_ALL>.purge`: every arena; 4096 is jemalloc's
    // MALLCTL_ARENAS_ALL.
    const PURGE_ALL: &std::ffi::CStr = c"arena.4096.purge";
    // SAFETY: the name is a NUL-terminated string; this control reads and
    // writes nothing, so null pointers and a zero length are what mallctl
    // expects. A failure leaves the pages to the decay timer.
    let _ = unsafe { tikv_jemalloc_sys::mallctl(PURGE_ALL.as_ptr(), null_mut(), null_mut(), null_mut(), 0) };
}
