/* café ÿþ not UTF-8 */
struct latin { char c; /* naïve */ int i; };
#define LATIN_ONE 1
