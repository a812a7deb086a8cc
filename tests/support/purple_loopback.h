// libpurple prefs for the headless clients of the tests and benchmarks: no
// port mapping, no public-IP discovery, STUN at 127.0.0.1. These machines
// flag any traffic to other addresses, DNS included.
#ifndef SOFTSTART_TESTS_SUPPORT_PURPLE_LOOPBACK_H_
#define SOFTSTART_TESTS_SUPPORT_PURPLE_LOOPBACK_H_

#include <purple.h>

namespace softstart::testing {

// Call from the core UI op ui_prefs_init. That runs before
// purple_network_init creates /purple/network, and setting a pref under a
// missing parent silently does nothing: create the prefs with our values
// first (network init then leaves them alone), then set them.
inline void UseLoopbackNetworkPrefs() {
  purple_prefs_add_none("/purple/network");
  purple_prefs_add_bool("/purple/network/map_ports", FALSE);
  purple_prefs_add_bool("/purple/network/auto_ip", FALSE);
  purple_prefs_add_string("/purple/network/stun_server", "127.0.0.1");
  purple_prefs_set_bool("/purple/network/map_ports", FALSE);
  purple_prefs_set_bool("/purple/network/auto_ip", FALSE);
  purple_prefs_set_string("/purple/network/stun_server", "127.0.0.1");
}

}  // namespace softstart::testing

#endif  // SOFTSTART_TESTS_SUPPORT_PURPLE_LOOPBACK_H_
