#pragma once
// How the process keeps memory (docs/adr/0002-keep-freed-memory.md).

namespace cohort {

// Tells glibc malloc to serve large blocks from the heap (not fresh mmap
// pages) and to keep freed memory instead of returning it to the system at
// once, so a ranking or assignment over a large call does not pay the
// first-touch cost of tens of megabytes on every run. Call once, first.
void KeepFreedMemory();

}  // namespace cohort
