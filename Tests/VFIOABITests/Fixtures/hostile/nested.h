struct holder {
	enum holder_state { HOLDER_IDLE = 3, HOLDER_BUSY, HOLDER_DONE = -1 } state;
	struct inner_named { int x; unsigned y : 5; } inner;
	union { int u; struct { char a : 3; char b : 4; }; };
};
