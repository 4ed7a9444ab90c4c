#include "/work/wt-ci/graph/store/account_store_test.cc"
#include "/work/wt-ci/graph/store/clustering_store_test.cc"
