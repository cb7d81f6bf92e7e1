//! Hash tables whose keys are already hashes.

use std::hash::{BuildHasherDefault, Hasher};

/// Passes a well-mixed 64-bit key through unchanged: hashing a hash again
/// only costs time. Other input falls back to FNV-1a.
#[derive(Default)]
pub struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// The `BuildHasher` of tables keyed by hashes.
pub type BuildPrehashed = BuildHasherDefault<Prehashed>;
