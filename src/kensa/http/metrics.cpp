#include "kensa/http/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <exception>

#include "kensa/common/log.h"

namespace kensa::http {
namespace {

bool IsNameChar(char c, bool first, bool allow_colon) {
    bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    bool digit = c >= '0' && c <= '9';
    return alpha || (!first && digit) || (allow_colon && c == ':');
}

bool IsValidName(std::string_view name, bool allow_colon) {
    if (name.empty()) {
        return false;
    }
    for (size_t char_idx = 0; char_idx < name.size(); ++char_idx) {
        if (!IsNameChar(name[char_idx], char_idx == 0, allow_colon)) {
            return false;
        }
    }
    return true;
}

std::string EscapeHelp(std::string_view help) {
    std::string out;
    for (char c : help) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

/// Adds le="bound" to a rendered label set.
std::string WithLe(const std::string& rendered, const std::string& le) {
    std::string le_label = "le=\"" + le + "\"";
    if (rendered.empty()) {
        return "{" + le_label + "}";
    }
    return rendered.substr(0, rendered.size() - 1) + "," + le_label + "}";
}

void AppendHeader(std::string& out,
                  const std::string& name,
                  const std::string& help,
                  std::string_view type) {
    if (!help.empty()) {
        out += "# HELP " + name + " " + EscapeHelp(help) + "\n";
    }
    out += "# TYPE " + name + " ";
    out += type;
    out += "\n";
}

}  // namespace

const std::vector<double>& DefaultDurationBuckets() {
    static const std::vector<double> buckets = {
        0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
    return buckets;
}

bool IsValidMetricName(std::string_view name) {
    return IsValidName(name, true);
}
bool IsValidLabelName(std::string_view name) {
    return IsValidName(name, false);
}

std::string EscapeLabelValue(std::string_view value) {
    std::string out;
    out.reserve(value.size());
    for (char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string RenderLabels(const Labels& labels) {
    Labels sorted;
    for (const auto& label : labels) {
        if (IsValidLabelName(label.first) && label.first != "le") {
            sorted.push_back(label);
        }
    }
    if (sorted.empty()) {
        return {};
    }
    std::sort(sorted.begin(), sorted.end());
    std::string out = "{";
    for (size_t label_idx = 0; label_idx < sorted.size(); ++label_idx) {
        if (label_idx > 0) {
            out += ",";
        }
        out += sorted[label_idx].first + "=\"" + EscapeLabelValue(sorted[label_idx].second) + "\"";
    }
    out += "}";
    return out;
}

std::string FormatSampleValue(double value) {
    if (std::isnan(value)) {
        return "NaN";
    }
    if (std::isinf(value)) {
        return value > 0 ? "+Inf" : "-Inf";
    }
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), value);
    if (ec != std::errc()) {
        return "NaN";
    }
    return std::string(buf, end);
}

Metrics::Family* Metrics::FamilyLocked(std::string_view name, Type type) {
    auto it = families_.find(name);
    if (it == families_.end()) {
        if (!IsValidMetricName(name)) {
            return nullptr;
        }
        bool is_callback = std::any_of(
            callbacks_.begin(), callbacks_.end(), [&](const auto& cb) { return cb.name == name; });
        if (is_callback) {
            return nullptr;
        }
        Family family;
        family.type = type;
        if (type == Type::kHistogram) {
            family.buckets = DefaultDurationBuckets();
        }
        it = families_.emplace(std::string(name), std::move(family)).first;
    }
    return it->second.type == type ? &it->second : nullptr;
}

void Metrics::DescribeCounter(std::string name, std::string help) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (Family* family = FamilyLocked(name, Type::kCounter)) {
        family->help = std::move(help);
    }
}

void Metrics::DescribeGauge(std::string name, std::string help) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (Family* family = FamilyLocked(name, Type::kGauge)) {
        family->help = std::move(help);
    }
}

void Metrics::DescribeHistogram(std::string name, std::string help, std::vector<double> buckets) {
    std::sort(buckets.begin(), buckets.end());
    buckets.erase(std::unique(buckets.begin(), buckets.end()), buckets.end());
    std::erase_if(buckets, [](double b) { return std::isnan(b) || std::isinf(b); });
    std::lock_guard<std::mutex> lock(mutex_);
    Family* family = FamilyLocked(name, Type::kHistogram);
    if (family == nullptr) {
        return;
    }
    family->help = std::move(help);
    if (family->histograms.empty()) {  // buckets are fixed once observed
        family->buckets = std::move(buckets);
    }
}

void Metrics::Increment(std::string_view name, const Labels& labels, double delta) {
    if (!(delta >= 0)) {
        return;
    }
    std::string key = RenderLabels(labels);
    std::lock_guard<std::mutex> lock(mutex_);
    if (Family* family = FamilyLocked(name, Type::kCounter)) {
        family->values[key] += delta;
    }
}

void Metrics::Set(std::string_view name, const Labels& labels, double value) {
    std::string key = RenderLabels(labels);
    std::lock_guard<std::mutex> lock(mutex_);
    if (Family* family = FamilyLocked(name, Type::kGauge)) {
        family->values[key] = value;
    }
}

void Metrics::Add(std::string_view name, const Labels& labels, double delta) {
    std::string key = RenderLabels(labels);
    std::lock_guard<std::mutex> lock(mutex_);
    if (Family* family = FamilyLocked(name, Type::kGauge)) {
        family->values[key] += delta;
    }
}

void Metrics::Observe(std::string_view name, const Labels& labels, double value) {
    std::string key = RenderLabels(labels);
    std::lock_guard<std::mutex> lock(mutex_);
    Family* family = FamilyLocked(name, Type::kHistogram);
    if (family == nullptr) {
        return;
    }
    HistogramData& data = family->histograms[key];
    if (data.bucket_counts.empty()) {
        data.bucket_counts.assign(family->buckets.size(), 0);
    }
    auto bucket = std::lower_bound(family->buckets.begin(), family->buckets.end(), value);
    if (bucket != family->buckets.end()) {
        ++data.bucket_counts[static_cast<size_t>(bucket - family->buckets.begin())];
    }
    ++data.count;
    data.sum += value;
}

void Metrics::AddGaugeCallback(std::string name, std::string help, GaugeCallback callback) {
    if (!IsValidMetricName(name) || !callback) {
        return;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    bool taken = families_.count(name) > 0 ||
                 std::any_of(callbacks_.begin(), callbacks_.end(), [&](const auto& cb) {
                     return cb.name == name;
                 });
    if (!taken) {
        callbacks_.push_back({std::move(name), std::move(help), std::move(callback)});
    }
}

double Metrics::Value(std::string_view name, const Labels& labels) const {
    std::string key = RenderLabels(labels);
    std::lock_guard<std::mutex> lock(mutex_);
    auto family = families_.find(name);
    if (family == families_.end()) {
        return 0;
    }
    auto value = family->second.values.find(key);
    return value == family->second.values.end() ? 0 : value->second;
}

uint64_t Metrics::HistogramCount(std::string_view name, const Labels& labels) const {
    std::string key = RenderLabels(labels);
    std::lock_guard<std::mutex> lock(mutex_);
    auto family = families_.find(name);
    if (family == families_.end()) {
        return 0;
    }
    auto data = family->second.histograms.find(key);
    return data == family->second.histograms.end() ? 0 : data->second.count;
}

std::string Metrics::RenderPrometheusText() const {
    std::vector<CallbackFamily> callbacks;
    std::map<std::string, std::string> blocks;  // family name -> rendered block
    {
        std::lock_guard<std::mutex> lock(mutex_);
        callbacks = callbacks_;
        for (const auto& [name, family] : families_) {
            std::string& out = blocks[name];
            if (family.type == Type::kHistogram) {
                AppendHeader(out, name, family.help, "histogram");
                for (const auto& [labels, data] : family.histograms) {
                    uint64_t cumulative = 0;
                    for (size_t bucket_idx = 0; bucket_idx < family.buckets.size(); ++bucket_idx) {
                        cumulative += data.bucket_counts[bucket_idx];
                        out += name + "_bucket" +
                               WithLe(labels, FormatSampleValue(family.buckets[bucket_idx])) + " " +
                               std::to_string(cumulative) + "\n";
                    }
                    out += name + "_bucket" + WithLe(labels, "+Inf") + " " +
                           std::to_string(data.count) + "\n";
                    out += name + "_sum" + labels + " " + FormatSampleValue(data.sum) + "\n";
                    out += name + "_count" + labels + " " + std::to_string(data.count) + "\n";
                }
                continue;
            }
            AppendHeader(
                out, name, family.help, family.type == Type::kCounter ? "counter" : "gauge");
            for (const auto& [labels, value] : family.values) {
                out += name + labels + " " + FormatSampleValue(value) + "\n";
            }
        }
    }
    for (const CallbackFamily& cb : callbacks) {
        std::string out;
        AppendHeader(out, cb.name, cb.help, "gauge");
        try {
            std::map<std::string, double> samples;  // sorted, last duplicate wins
            for (const auto& [labels, value] : cb.callback()) {
                samples[RenderLabels(labels)] = value;
            }
            for (const auto& [labels, value] : samples) {
                out += cb.name + labels + " " + FormatSampleValue(value) + "\n";
            }
        } catch (const std::exception& e) {
            log::Warn("metrics gauge callback failed", {{"metric", cb.name}, {"error", e.what()}});
            continue;
        } catch (...) {
            log::Warn("metrics gauge callback failed", {{"metric", cb.name}});
            continue;
        }
        blocks[cb.name] = std::move(out);
    }
    std::string text;
    for (const auto& [name, block] : blocks) {
        text += block;
    }
    return text;
}

}  // namespace kensa::http
