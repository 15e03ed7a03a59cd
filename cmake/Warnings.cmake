# Warnings every Cohort target is built with; warnings are errors so that
# they are fixed where they appear, not collected.
add_library(cohort_warnings INTERFACE)
target_compile_options(cohort_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Wunused -Woverloaded-virtual
  -Wimplicit-fallthrough -Werror
  # g++ 12 reports false -Wrestrict positives on std::string concatenation at
  # -O3 (GCC bug 105651).
  -Wno-restrict)
