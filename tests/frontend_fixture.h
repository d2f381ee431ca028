// A fixture for front-end tests: a running ISR4321 "R1" whose vty lines the test configures,
// the LineService the front-ends reach it through, and an io_context the test pumps together
// with the device's clock-driven work. Loopback only, one thread.
#ifndef IOSUP_TESTS_FRONTEND_FIXTURE_H_
#define IOSUP_TESTS_FRONTEND_FIXTURE_H_

#include <asio.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>

#include "device/commands/device_line_service.h"
#include "device/commands/device_session.h"
#include "device/secrets.h"
#include "testing/device_fixture.h"

namespace iosup {

class FrontendFixture : public DeviceFixture {
 protected:
  // R1, an ISR4321 with a small factory image, powered on and running. With `boot_time`, each
  // boot waits for the manual clock (Boot() advances it).
  void StartDevice(Duration boot_time = Duration::zero()) {
    device_ = MakeDevice("ISR4321", {.name = "R1", .boot_time = boot_time});
    ASSERT_TRUE(device_->ProvisionFactoryDefaults(SmallImages(kImageBytes)).ok());
    lines_ = std::make_unique<DeviceLineService>(*device_);
    device_->PowerOn();
    Boot();
  }
  void Boot() {
    clock_.Advance(std::chrono::hours(1));
    device_->Tick();
  }
  // Replaces the `line vty 0 4` block of the running- and startup-config with `body` (lines
  // starting with a space) and adds the admin/cisco user at privilege 15.
  void ConfigureVty(const std::string& body) {
    std::string text = device_->RenderRunning();
    size_t at = text.find("line vty 0 4\n");
    ASSERT_NE(at, std::string::npos) << text;
    size_t end = at + 13;
    while (end < text.size() && text[end] == ' ') end = text.find('\n', end) + 1;
    text.replace(at, end - at, "line vty 0 4\n" + body);
    text = "username admin privilege 15 secret " + MakeType5Secret("cisco") + "\n" +
           text;
    device_->running_config() = Config::Parse(text);
    ASSERT_TRUE(device_->SaveRunningConfig().ok());
  }
  // Runs the loop (and the device's clock-driven work) until `done` or `limit` passes.
  bool Pump(const std::function<bool()>& done,
            std::chrono::milliseconds limit = std::chrono::seconds(5)) {
    auto until = std::chrono::steady_clock::now() + limit;
    while (!done()) {
      if (std::chrono::steady_clock::now() > until) return false;
      io_.run_for(std::chrono::milliseconds(5));
      device_->Tick();
    }
    return true;
  }
  // Until what `c` (any test client with text()) received holds `text`.
  template <typename Client>
  bool WaitFor(const Client& c, const std::string& text) {
    return Pump([&] { return c.text().find(text) != std::string::npos; });
  }

  asio::io_context io_;
  std::unique_ptr<Device> device_;
  std::unique_ptr<DeviceLineService> lines_;  // the front-ends' port to device_
};

}  // namespace iosup

#endif  // IOSUP_TESTS_FRONTEND_FIXTURE_H_
