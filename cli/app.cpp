#include "cli/app.hpp"

namespace salesops::cli {

int run(int, char**) { return 0; }

}  // namespace salesops::cli
