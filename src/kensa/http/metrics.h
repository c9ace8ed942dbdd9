#pragma once
// A small Prometheus registry: counters, gauges and histograms with label sets, plus gauge
// callbacks evaluated at scrape time. Rendered in the text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/).

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kensa::http {

/// Label name/value pairs. Order does not matter: {a=1,b=2} and {b=2,a=1} are one series.
using Labels = std::vector<std::pair<std::string, std::string>>;

/// Returns the current samples of a callback gauge, one per label set.
using GaugeCallback = std::function<std::vector<std::pair<Labels, double>>()>;

/// Default buckets for request durations in seconds (Prometheus client defaults).
const std::vector<double>& DefaultDurationBuckets();

/// Thread-safety: every method may be called concurrently. Gauge callbacks run during
/// RenderPrometheusText() without the registry lock held, so they may use the registry.
/// Misuse (an invalid name, or a name reused with another type) is ignored rather than fatal:
/// metrics must never take a request down.
class Metrics {
public:
    /// Declares a family up front so it renders (with HELP) before the first sample. Optional
    /// for counters and gauges; a histogram observed without a declaration gets
    /// DefaultDurationBuckets().
    void DescribeCounter(std::string name, std::string help);
    void DescribeGauge(std::string name, std::string help);
    void DescribeHistogram(std::string name, std::string help, std::vector<double> buckets);

    /// Adds `delta` (>= 0; negative deltas are ignored) to a counter series.
    void Increment(std::string_view name, const Labels& labels = {}, double delta = 1.0);
    /// Sets a gauge series.
    void Set(std::string_view name, const Labels& labels, double value);
    /// Adds `delta` (may be negative) to a gauge series.
    void Add(std::string_view name, const Labels& labels, double delta);
    /// Records one observation in a histogram series.
    void Observe(std::string_view name, const Labels& labels, double value);

    /// Registers a gauge family whose samples come from `callback` at every scrape, e.g. task
    /// counts read from the store. A callback that throws is skipped for that scrape.
    void AddGaugeCallback(std::string name, std::string help, GaugeCallback callback);

    /// Current value of a counter or gauge series; 0 if absent.
    double Value(std::string_view name, const Labels& labels = {}) const;
    /// Number of observations of a histogram series; 0 if absent.
    uint64_t HistogramCount(std::string_view name, const Labels& labels = {}) const;

    /// The whole registry in the Prometheus text format, families sorted by name.
    std::string RenderPrometheusText() const;

private:
    enum class Type { kCounter, kGauge, kHistogram };
    struct HistogramData {
        std::vector<uint64_t> bucket_counts;  ///< per bucket, not cumulative
        uint64_t count = 0;
        double sum = 0;
    };
    struct Family {
        Type type = Type::kCounter;
        std::string help;
        std::vector<double> buckets;                      ///< histograms only
        std::map<std::string, double> values;             ///< rendered labels -> value
        std::map<std::string, HistogramData> histograms;  ///< rendered labels -> data
    };
    struct CallbackFamily {
        std::string name;
        std::string help;
        GaugeCallback callback;
    };

    Family* FamilyLocked(std::string_view name, Type type);

    mutable std::mutex mutex_;
    std::map<std::string, Family, std::less<>> families_;
    std::vector<CallbackFamily> callbacks_;
};

/// Metric and label names: [a-zA-Z_:][a-zA-Z0-9_:]* (labels without ':').
bool IsValidMetricName(std::string_view name);
bool IsValidLabelName(std::string_view name);
/// Escapes a label value (backslash, double quote, newline).
std::string EscapeLabelValue(std::string_view value);
/// Renders {a="x",b="y"} with names sorted; "" for no labels. Invalid label names are dropped.
std::string RenderLabels(const Labels& labels);
/// Prometheus sample value: shortest round-trip decimal, "+Inf", "-Inf" or "NaN".
std::string FormatSampleValue(double value);

}  // namespace kensa::http
