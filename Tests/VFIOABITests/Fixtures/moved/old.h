struct stays { int a; };
struct wanders { int w; };
#define WANDERING 7
