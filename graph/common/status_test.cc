#include "graph/common/status.h"

#include <gtest/gtest.h>

namespace ringgraph {
namespace {

Result<int> ParsePositive(int v) {
  if (v <= 0) return Status::InvalidArgument("value " + std::to_string(v) + " is not positive");
  return v;
}

Status DoubleIt(int v, int* out) {
  RINGGRAPH_ASSIGN_OR_RETURN(int parsed, ParsePositive(v));
  *out = parsed * 2;
  return Status::Ok();
}

TEST(StatusTest, OkIsOkAndPrintsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesCodeMessageAndContext) {
  Status s = Status::NotFound("account 'x'").WithContext("lookup");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kNotFound);
  EXPECT_EQ(s.ToString(), "NotFound: lookup: account 'x'");
}

TEST(StatusTest, AssignOrReturnPropagatesErrorsAndValues) {
  int out = 0;
  EXPECT_TRUE(DoubleIt(4, &out).ok());
  EXPECT_EQ(out, 8);
  Status s = DoubleIt(-1, &out);
  EXPECT_EQ(s.code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(out, 8);
}

}  // namespace
}  // namespace ringgraph
