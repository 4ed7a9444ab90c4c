// Compiled into every program of a TSan build only (RINGGRAPH_SANITIZE=thread; graph/CMakeLists.txt
// adds it as an interface source of ringgraph::graph). It limits oneTBB to the thread that calls
// it, for the life of the program.
//
// Why: Debian's libtbb is not built with TSan, so the synchronisation inside its scheduler is
// invisible to TSan. A parallel_for's join then looks like no synchronisation at all, and the
// first use of the data its tasks wrote (even freeing it) is reported as a race, with the task's
// side of the stack in a TBB worker TSan cannot unwind, so no suppression can name it. With one
// TBB thread, TBB starts no workers, and every report left is about threads ringgraph starts
// itself: ringd's event loops and offload pool, the detection runner, real-time flagging and
// the clients of the tests. The parallel algorithms still run, on one thread; their
// multi-threaded behaviour is covered by the Release and ASan stages.
#include <tbb/global_control.h>

namespace {

const tbb::global_control one_tbb_thread(tbb::global_control::max_allowed_parallelism, 1);

}  // namespace
