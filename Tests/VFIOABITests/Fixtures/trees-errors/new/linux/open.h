struct open_s { int a;
