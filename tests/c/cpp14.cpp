// Must NOT compile: chatadmin.hpp under C++14 stops with a clear #error (bindings/c/tests).
#include <chatadmin.hpp>

int main()
{
    return 0;
}
