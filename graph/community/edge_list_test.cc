#include "graph/community/edge_list.h"

#include <gtest/gtest.h>

namespace ringgraph::community {
namespace {

TEST(EdgeListTest, ReadsWeightsMergesDuplicatesAndSkipsComments) {
  // 0 ─2.5─ 1 ─1─ 2, with "1 0" repeating the first edge; vertex 3 has only a self-loop.
  auto g = ParseEdgeList("# comment\n0 1 2\n1\t2\n\n1 0 0.5\n3 3\n", "t.edges");
  ASSERT_TRUE(g.ok()) << g.status().ToString();
  ASSERT_EQ(g->num_vertices(), 4u);
  EXPECT_EQ(g->degree(0), 1u);
  EXPECT_FLOAT_EQ(g->weights[g->offsets[0]], 2.5f);
  EXPECT_EQ(g->degree(1), 2u);
  EXPECT_EQ(g->degree(3), 1u);
  EXPECT_EQ(g->neighbors[g->offsets[3]], 3u);
}

TEST(EdgeListTest, BadLinesAreReportedWithTheirLineNumber) {
  for (const char* bad : {"0 1\n1 x\n", "0 1\n2\n", "0 1\n1 2 -3\n", "0 1\n1 2 3 4\n",
                          "0 1\n-1 2\n", "0 1\n1 99999999999\n"}) {
    auto g = ParseEdgeList(bad, "t.edges");
    ASSERT_FALSE(g.ok()) << bad;
    EXPECT_NE(g.status().message().find("t.edges:2:"), std::string::npos) << g.status().message();
  }
}

TEST(EdgeListTest, MissingFileIsAnIoError) {
  EXPECT_EQ(ReadEdgeList("/nonexistent/x.edges").status().code(), Status::Code::kIoError);
}

}  // namespace
}  // namespace ringgraph::community
