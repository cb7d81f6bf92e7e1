use std::ffi::c_char;

/// jemalloc: the linter allocates many small short-lived values (findings,
/// messages, per-document tables) on every core, where it is markedly faster
/// than the system allocator (~15% less CPU over the benchmark corpus).
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read before `main`: freed pages go back to the
/// system after a fifth of a second and none are kept in reserve, so peak
/// RSS stays within ~10 MB of the system allocator's (136 -> 146 MB on the
/// 100 MiB benchmark file) instead of ~30 MB over. On Linux, one arena per
/// CPU rather than jemalloc's four per CPU: the reader, the workers and the
/// printer each took an arena of their own, whose free pages no other
/// thread could reuse (2 GiB of JSONL on 2 cores peaked at 194-202 MB, and at 189-192 MB
/// with these; the time is the same). `_RJEM_MALLOC_CONF` overrides.
#[used]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: Option<&c_char> = {
    #[cfg(target_os = "linux")]
    const CONF: &[u8] = b"dirty_decay_ms:200,muzzy_decay_ms:0,percpu_arena:percpu\0";
    #[cfg(not(target_os = "linux"))]
    const CONF: &[u8] = b"dirty_decay_ms:200,muzzy_decay_ms:0\0";
    // SAFETY: CONF is a NUL-terminated static string; jemalloc reads it as
    // a C string and never writes it.
    Some(unsafe { &*CONF.as_ptr().cast::<c_char>() })
};

fn main() {
    std::process::exit(newslint::cli::main());
}
