#include "cli/app.hpp"

int main(int argc, char** argv) { return salesops::cli::run(argc, argv); }
