#include "app/commands.h"
#include "core/memory.h"

int main(int argc, char** argv) {
  cohort::KeepFreedMemory();
  return cohort::app::RunCli(argc, argv);
}
