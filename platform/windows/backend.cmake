# platform/windows/backend.cmake — included by sigemu_add_library() for the
# windows backend (${SIGEMU_TARGET} is the library being built).
# Winsock: the wakeup fd may be a SOCKET (getsockopt/send), as in CPython.
target_link_libraries(${SIGEMU_TARGET} PUBLIC ws2_32)
