#include <malloc.h>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  // A fixed threshold: large blocks (a file's text, a shard's records) are mapped and given
  // back to the system when freed. glibc's sliding default would keep them in the heap once
  // the first was freed, and the peak memory of a load would double.
  mallopt(M_MMAP_THRESHOLD, 256 * 1024);
  return salesops::cli::run(argc, argv);
}
