struct wanders { int w; };
#define WANDERING 7
