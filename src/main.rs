use std::ffi::c_char;

/// jemalloc: the linter allocates many small short-lived values (findings,
/// messages, per-document tables) on every core, where it is markedly faster
/// than the system allocator (~15% less CPU over the benchmark corpus).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`: freed pages go back to the
/// system after half a second and none are kept in reserve, so peak RSS stays
/// within ~10 MB of the system allocator's (136 -> 146 MB on the 100 MiB
/// benchmark file) instead of ~30 MB over. `_RJEM_MALLOC_CONF` overrides.
#[used]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: Option<&c_char> = {
    const CONF: &[u8] = b"dirty_decay_ms:500,muzzy_decay_ms:0\0";
    // SAFETY: CONF is a NUL-terminated static string; jemalloc reads it as
    // a C string and never writes it.
    Some(unsafe { &*CONF.as_ptr().cast::<c_char>() })
};

fn main() {
    std::process::exit(newslint::cli::main());
}
