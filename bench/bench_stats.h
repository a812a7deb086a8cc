// Small helpers for the benchmark programs: corpus lines, a steady clock in
// nanoseconds, order statistics, and markdown-table formatting.
#ifndef SOFTSTART_BENCH_BENCH_STATS_H_
#define SOFTSTART_BENCH_BENCH_STATS_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace softstart::bench {

inline int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// Nearest-rank percentile, p in [0, 100]. Sorts a copy; 0 for no values.
double Percentile(std::vector<double> values, double p);
inline double Median(const std::vector<double>& values) { return Percentile(values, 50); }

// CPU time of the calling thread: leaves out time spent waiting for a core.
int64_t CpuNowNs();

// Cost of one NowNs() pair in ns (median of many), to judge what a
// sub-microsecond per-message reading can mean.
double TimerOverheadNs();

// Peak resident set size of this process so far, in MiB (getrusage).
double PeakRssMiB();

// The non-empty lines of a text file (CR of CRLF dropped); false when it
// cannot be read.
bool ReadLines(const std::string& path, std::vector<std::string>* lines);

// "1.23" with the given number of decimals.
std::string Fixed(double value, int decimals);

}  // namespace softstart::bench

#endif  // SOFTSTART_BENCH_BENCH_STATS_H_
