#include "app/commands.h"

int main(int argc, char** argv) { return cohort::app::RunCli(argc, argv); }
