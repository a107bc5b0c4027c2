struct broken { size_t n; };
