#include "kensa/http/metrics.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace kensa::http {
namespace {

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

bool HasLine(const std::string& text, const std::string& line) {
    for (const std::string& candidate : Lines(text)) {
        if (candidate == line) {
            return true;
        }
    }
    return false;
}

TEST(MetricsTest, CounterRendersHelpTypeAndSortedLabels) {
    Metrics metrics;
    metrics.DescribeCounter("kensa_things_total", "Things\nseen");
    metrics.Increment("kensa_things_total", {{"z", "1"}, {"a", "x"}});
    metrics.Increment("kensa_things_total", {{"a", "x"}, {"z", "1"}}, 2);
    metrics.Increment("kensa_things_total", {{"a", "x"}, {"z", "1"}}, -5);  // ignored
    std::string text = metrics.RenderPrometheusText();
    EXPECT_TRUE(HasLine(text, "# HELP kensa_things_total Things\\nseen")) << text;
    EXPECT_TRUE(HasLine(text, "# TYPE kensa_things_total counter")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_things_total{a=\"x\",z=\"1\"} 3")) << text;
    EXPECT_DOUBLE_EQ(metrics.Value("kensa_things_total", {{"z", "1"}, {"a", "x"}}), 3);
}

TEST(MetricsTest, LabelValuesAreEscaped) {
    Metrics metrics;
    metrics.Set("kensa_g", {{"path", "a\"b\\c\nd"}}, 1.5);
    std::string text = metrics.RenderPrometheusText();
    EXPECT_TRUE(HasLine(text, "kensa_g{path=\"a\\\"b\\\\c\\nd\"} 1.5")) << text;
    EXPECT_EQ(EscapeLabelValue("plain"), "plain");
}

TEST(MetricsTest, GaugeSetAndAdd) {
    Metrics metrics;
    metrics.DescribeGauge("kensa_queue_depth", "Queued jobs");
    metrics.Set("kensa_queue_depth", {}, 4);
    metrics.Add("kensa_queue_depth", {}, -1.5);
    std::string text = metrics.RenderPrometheusText();
    EXPECT_TRUE(HasLine(text, "# TYPE kensa_queue_depth gauge")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_queue_depth 2.5")) << text;
}

TEST(MetricsTest, HistogramBucketsAreCumulativeWithSumAndCount) {
    Metrics metrics;
    metrics.DescribeHistogram("kensa_latency_seconds", "Latency", {1, 0.25});  // unsorted input
    metrics.Observe("kensa_latency_seconds", {{"op", "x"}}, 0.125);
    metrics.Observe("kensa_latency_seconds", {{"op", "x"}}, 0.25);  // le is inclusive
    metrics.Observe("kensa_latency_seconds", {{"op", "x"}}, 0.5);
    metrics.Observe("kensa_latency_seconds", {{"op", "x"}}, 7);
    std::string text = metrics.RenderPrometheusText();
    EXPECT_TRUE(HasLine(text, "# TYPE kensa_latency_seconds histogram")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_latency_seconds_bucket{op=\"x\",le=\"0.25\"} 2")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_latency_seconds_bucket{op=\"x\",le=\"1\"} 3")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_latency_seconds_bucket{op=\"x\",le=\"+Inf\"} 4")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_latency_seconds_sum{op=\"x\"} 7.875")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_latency_seconds_count{op=\"x\"} 4")) << text;
    EXPECT_EQ(metrics.HistogramCount("kensa_latency_seconds", {{"op", "x"}}), 4u);
}

TEST(MetricsTest, GaugeCallbacksRunAtScrapeAndMayFail) {
    Metrics metrics;
    int calls = 0;
    metrics.AddGaugeCallback("kensa_tasks", "Tasks by status", [&calls] {
        ++calls;
        return std::vector<std::pair<Labels, double>>{{{{"status", "NEW"}}, 3},
                                                      {{{"status", "DEFER"}}, 1}};
    });
    metrics.AddGaugeCallback(
        "kensa_broken", "Throws", []() -> std::vector<std::pair<Labels, double>> {
            throw std::runtime_error("store down");
        });
    std::string text = metrics.RenderPrometheusText();
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(HasLine(text, "# TYPE kensa_tasks gauge")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_tasks{status=\"DEFER\"} 1")) << text;
    EXPECT_TRUE(HasLine(text, "kensa_tasks{status=\"NEW\"} 3")) << text;
    EXPECT_EQ(text.find("kensa_broken"), std::string::npos) << text;
    metrics.RenderPrometheusText();
    EXPECT_EQ(calls, 2);
}

TEST(MetricsTest, FamiliesAreSortedAndMisuseIsIgnored) {
    Metrics metrics;
    metrics.Increment("kensa_b_total");
    metrics.Set("kensa_a", {}, 1);
    metrics.Set("kensa_b_total", {}, 9);  // type clash: ignored
    metrics.Increment("bad name");        // invalid: ignored
    metrics.Increment("kensa_c_total", {{"bad-label", "v"}, {"ok", "v"}});
    std::string text = metrics.RenderPrometheusText();
    EXPECT_LT(text.find("kensa_a"), text.find("kensa_b_total"));
    EXPECT_TRUE(HasLine(text, "kensa_b_total 1")) << text;
    EXPECT_EQ(text.find("bad"), std::string::npos) << text;
    EXPECT_TRUE(HasLine(text, "kensa_c_total{ok=\"v\"} 1")) << text;
}

TEST(MetricsTest, EveryLineParsesAsExpositionFormat) {
    Metrics metrics;
    metrics.Increment("kensa_x_total", {{"k", "v w"}});
    metrics.Observe("kensa_h_seconds", {}, 0.2);
    for (const std::string& line : Lines(metrics.RenderPrometheusText())) {
        if (line.rfind("# ", 0) == 0) {
            EXPECT_TRUE(line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) << line;
            continue;
        }
        size_t space = line.rfind(' ');
        ASSERT_NE(space, std::string::npos) << line;
        std::string name = line.substr(0, std::min(line.find('{'), space));
        EXPECT_TRUE(IsValidMetricName(name)) << line;
        std::string value = line.substr(space + 1);
        EXPECT_TRUE(value == "+Inf" || std::strtod(value.c_str(), nullptr) >= 0) << line;
    }
}

TEST(MetricsTest, ConcurrentIncrementsAreNotLost) {
    Metrics metrics;
    constexpr int kThreads = 4;
    constexpr int kPerThread = 5000;
    std::vector<std::thread> threads;
    for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
        threads.emplace_back([&metrics] {
            for (int i = 0; i < kPerThread; ++i) {
                metrics.Increment("kensa_n_total", {{"k", "v"}});
                metrics.Observe("kensa_d_seconds", {}, 0.001);
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_DOUBLE_EQ(metrics.Value("kensa_n_total", {{"k", "v"}}), kThreads * kPerThread);
    EXPECT_EQ(metrics.HistogramCount("kensa_d_seconds"), uint64_t{kThreads * kPerThread});
}

TEST(MetricsTest, SampleValueFormatting) {
    EXPECT_EQ(FormatSampleValue(3), "3");
    EXPECT_EQ(FormatSampleValue(0.005), "0.005");
    EXPECT_EQ(FormatSampleValue(std::numeric_limits<double>::infinity()), "+Inf");
    EXPECT_EQ(FormatSampleValue(-std::numeric_limits<double>::infinity()), "-Inf");
    EXPECT_EQ(FormatSampleValue(std::numeric_limits<double>::quiet_NaN()), "NaN");
}

}  // namespace
}  // namespace kensa::http
