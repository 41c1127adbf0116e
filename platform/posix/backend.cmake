# backend.cmake — build flags of the posix backend, included by
# sigemu_add_library() with ${SIGEMU_TARGET} set.
# The project is strict C11 (no extensions), so the POSIX/GNU declarations
# the backend needs (sigaction, pselect, pthread_sigmask, strsignal,
# SYS_pidfd_send_signal) are asked for explicitly; pthreads are linked
# publicly because programs using sigemu_pthread_kill() are threaded.
set(THREADS_PREFER_PTHREAD_FLAG ON)
find_package(Threads REQUIRED)
target_link_libraries(${SIGEMU_TARGET} PUBLIC Threads::Threads)
target_compile_definitions(${SIGEMU_TARGET} PRIVATE _GNU_SOURCE)
