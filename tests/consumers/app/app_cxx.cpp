// app_cxx.cpp — app.c built as C++ (tests/consumers/run.sh also checks that
// the object reads sigemu__tripped itself: the inline check, not a call).
#include "app.c"
