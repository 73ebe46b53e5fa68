// The cutover binary: everything lives in the libraries; this only hands over argv.
#include "cli/cli.h"

int main(int argc, char** argv) { return cutover::RunCli(argc, argv); }
