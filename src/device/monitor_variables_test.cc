#include "device/monitor_variables.h"

#include <gtest/gtest.h>

namespace iosup {
namespace {

TEST(MonitorVariablesTest, KeepsFirstSetOrderAndReplacesInPlace) {
  MonitorVariables v;
  v.Set("IP_ADDRESS", "192.168.1.1");
  v.Set("TFTP_SERVER", "192.168.1.100");
  v.Set("IP_ADDRESS", "10.0.0.1");
  ASSERT_EQ(v.all().size(), 2u);
  EXPECT_EQ(v.all()[0].first, "IP_ADDRESS");
  EXPECT_EQ(v.all()[0].second, "10.0.0.1");
  EXPECT_EQ(v.Get("TFTP_SERVER"), "192.168.1.100");
}

TEST(MonitorVariablesTest, NamesAreCaseSensitiveAndUnsetReportsAbsence) {
  MonitorVariables v;
  v.Set("BOOT", "flash:x.bin");
  EXPECT_FALSE(v.Get("boot").has_value());
  EXPECT_FALSE(v.Unset("boot"));
  EXPECT_TRUE(v.Unset("BOOT"));
  EXPECT_TRUE(v.all().empty());
}

}  // namespace
}  // namespace iosup
