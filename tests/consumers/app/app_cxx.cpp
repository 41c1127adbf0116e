// app_cxx.cpp — app.c built as C++ (tests/consumers/run.sh also checks that
// the object reads the check's word itself: the inline check, not a call).
#include "app.c"
