struct s { unsigned int count; unsigned int data[]; };
