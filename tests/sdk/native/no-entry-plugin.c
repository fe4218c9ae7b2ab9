/* Test plugin: a valid shared library that lacks NrtGetPluginApi (the host must say so). */
int nrt_test_not_the_entry_point(void) { return 42; }
