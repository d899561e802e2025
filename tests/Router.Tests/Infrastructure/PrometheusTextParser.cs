using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Cascade.Router.Tests;

/// <summary>
/// A strict parser of the Prometheus text exposition format 0.0.4: it throws <see cref="FormatException"/> naming the
/// line on anything the format does not allow, rather than skipping it.
/// </summary>
/// <remarks>
/// Checked: metric and label names, label-value escapes (<c>\\</c>, <c>\"</c>, <c>\n</c> only), duplicate labels,
/// values (floats, <c>+Inf</c>, <c>-Inf</c>, <c>NaN</c>), integer timestamps, one <c>TYPE</c> and one <c>HELP</c> per
/// family with <c>TYPE</c> before its samples, a family's lines in one group, sample names that fit the family's type,
/// unique series, and histograms whose buckets carry <c>le</c>, rise with it, end at <c>+Inf</c> and equal <c>_count</c>.
/// </remarks>
public static partial class PrometheusTextParser
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    /// <summary>Parses an exposition into its families, by name.</summary>
    public static IReadOnlyDictionary<string, PrometheusMetricFamily> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Dictionary<string, PrometheusMetricFamily> families = new(StringComparer.Ordinal);
        HashSet<string> closed = new(StringComparer.Ordinal);
        HashSet<string> series = new(StringComparer.Ordinal);
        string? current = null;
        if (text.Length > 0 && !text.EndsWith('\n'))
        {
            throw new FormatException("The exposition must end with a line feed.");
        }

        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length - 1; i++)
        {
            string line = lines[i];
            int number = i + 1;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.Contains('\r', StringComparison.Ordinal))
            {
                throw Error(number, "carriage return in a line");
            }

            if (line.StartsWith('#'))
            {
                Match meta = MetaLine().Match(line);
                if (!meta.Success)
                {
                    continue; // A plain comment.
                }

                string name = meta.Groups["name"].Value;
                string rest = meta.Groups["rest"].Value;
                PrometheusMetricFamily family = Enter(name, number);
                if (meta.Groups["kind"].Value == "TYPE")
                {
                    if (!Types.Contains(rest))
                    {
                        throw Error(number, $"unknown type '{rest}'");
                    }

                    if (family.Type != "untyped" || family.Samples.Count > 0)
                    {
                        throw Error(number, $"TYPE of '{name}' after its samples or given twice");
                    }

                    family.Type = rest;
                }
                else
                {
                    if (family.Help is not null)
                    {
                        throw Error(number, $"HELP of '{name}' given twice");
                    }

                    family.Help = UnescapeHelp(rest, number);
                }

                continue;
            }

            PrometheusSample sample = ParseSample(line, number);
            string familyName = FamilyOf(sample.Name, families);
            PrometheusMetricFamily owner = Enter(familyName, number);
            CheckSampleName(owner, sample, number);
            string id = sample.Name + "{" + string.Join(",", sample.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)) + "}";
            if (!series.Add(id))
            {
                throw Error(number, $"series {id} given twice");
            }

            owner.Samples.Add(sample);
        }

        foreach (PrometheusMetricFamily family in families.Values.Where(f => f.Type == "histogram"))
        {
            CheckHistogram(family);
        }

        return families;

        PrometheusMetricFamily Enter(string name, int number)
        {
            if (current != name)
            {
                if (closed.Contains(name))
                {
                    throw Error(number, $"the lines of '{name}' are not in one group");
                }

                if (current is not null)
                {
                    closed.Add(current);
                }

                current = name;
            }

            if (!families.TryGetValue(name, out PrometheusMetricFamily? family))
            {
                families[name] = family = new PrometheusMetricFamily(name);
            }

            return family;
        }
    }

    private static PrometheusSample ParseSample(string line, int number)
    {
        Match name = MetricName().Match(line);
        if (!name.Success)
        {
            throw Error(number, "a sample must start with a metric name");
        }

        int at = name.Length;
        Dictionary<string, string> labels = new(StringComparer.Ordinal);
        if (at < line.Length && line[at] == '{')
        {
            at++;
            while (true)
            {
                if (at < line.Length && line[at] == '}')
                {
                    at++;
                    break;
                }

                Match label = LabelName().Match(line, at);
                if (!label.Success || label.Index != at)
                {
                    throw Error(number, "bad label name");
                }

                at += label.Length;
                if (at + 1 >= line.Length || line[at] != '=' || line[at + 1] != '"')
                {
                    throw Error(number, $"label '{label.Value}' must be followed by =\"");
                }

                at += 2;
                StringBuilder value = new();
                while (true)
                {
                    if (at >= line.Length)
                    {
                        throw Error(number, "unterminated label value");
                    }

                    char c = line[at++];
                    if (c == '"')
                    {
                        break;
                    }

                    if (c == '\\')
                    {
                        char escaped = at < line.Length ? line[at++] : throw Error(number, "unterminated escape");
                        value.Append(escaped switch
                        {
                            '\\' => '\\',
                            '"' => '"',
                            'n' => '\n',
                            _ => throw Error(number, $"bad escape \\{escaped} in a label value"),
                        });
                    }
                    else
                    {
                        value.Append(c);
                    }
                }

                if (!labels.TryAdd(label.Value, value.ToString()))
                {
                    throw Error(number, $"label '{label.Value}' given twice");
                }

                if (at < line.Length && line[at] == ',')
                {
                    at++;
                }
                else if (at >= line.Length || line[at] != '}')
                {
                    throw Error(number, "labels must be separated by ','");
                }
            }
        }

        if (at >= line.Length || line[at] != ' ')
        {
            throw Error(number, "a single space must separate the series from its value");
        }

        string[] fields = line[(at + 1)..].Split(' ');
        if (fields.Length is < 1 or > 2 || fields.Any(f => f.Length == 0))
        {
            throw Error(number, "a sample is a series, a value and an optional timestamp");
        }

        double parsed = fields[0] switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            _ => double.TryParse(fields[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : throw Error(number, $"bad value '{fields[0]}'"),
        };
        long? timestamp = fields.Length == 2
            ? long.TryParse(fields[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long t) ? t : throw Error(number, $"bad timestamp '{fields[1]}'")
            : null;
        return new PrometheusSample(name.Value, labels, parsed, timestamp);
    }

    private static string FamilyOf(string sampleName, Dictionary<string, PrometheusMetricFamily> families)
    {
        foreach (string suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (sampleName.EndsWith(suffix, StringComparison.Ordinal)
                && families.TryGetValue(sampleName[..^suffix.Length], out PrometheusMetricFamily? family)
                && family.Type is "histogram" or "summary")
            {
                return family.Name;
            }
        }

        return sampleName;
    }

    private static void CheckSampleName(PrometheusMetricFamily family, PrometheusSample sample, int number)
    {
        bool fits = family.Type switch
        {
            "histogram" => sample.Name == family.Name + "_sum" || sample.Name == family.Name + "_count" || (sample.Name == family.Name + "_bucket" && sample.Labels.ContainsKey("le")),
            "summary" => sample.Name == family.Name + "_sum" || sample.Name == family.Name + "_count" || (sample.Name == family.Name && sample.Labels.ContainsKey("quantile")),
            _ => sample.Name == family.Name,
        };
        if (!fits)
        {
            throw Error(number, $"sample '{sample.Name}' does not fit the {family.Type} '{family.Name}'");
        }

        if (family.Type == "counter" && (sample.Value < 0 || double.IsNaN(sample.Value)))
        {
            throw Error(number, $"counter '{family.Name}' has the value {sample.Value}");
        }
    }

    private static void CheckHistogram(PrometheusMetricFamily family)
    {
        foreach (IGrouping<string, PrometheusSample> group in family.Samples.GroupBy(s => string.Join(",", s.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "=" + l.Value)), StringComparer.Ordinal))
        {
            PrometheusSample[] buckets = group.Where(s => s.Name.EndsWith("_bucket", StringComparison.Ordinal)).ToArray();
            double[] bounds = buckets.Select(b => b.Labels["le"] == "+Inf" ? double.PositiveInfinity : double.Parse(b.Labels["le"], CultureInfo.InvariantCulture)).ToArray();
            if (buckets.Length == 0 || !double.IsPositiveInfinity(bounds[^1]))
            {
                throw new FormatException($"Histogram '{family.Name}' {{{group.Key}}} has no +Inf bucket last.");
            }

            for (int i = 1; i < buckets.Length; i++)
            {
                if (bounds[i] <= bounds[i - 1] || buckets[i].Value < buckets[i - 1].Value)
                {
                    throw new FormatException($"Histogram '{family.Name}' {{{group.Key}}} has buckets that do not rise with le.");
                }
            }

            PrometheusSample? count = group.SingleOrDefault(s => s.Name == family.Name + "_count");
            if (count is null || count.Value != buckets[^1].Value || group.All(s => s.Name != family.Name + "_sum"))
            {
                throw new FormatException($"Histogram '{family.Name}' {{{group.Key}}} needs _sum and a _count equal to its +Inf bucket.");
            }
        }
    }

    private static string UnescapeHelp(string text, int number)
    {
        StringBuilder help = new();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                help.Append(text[i]);
                continue;
            }

            help.Append(++i < text.Length ? text[i] switch { '\\' => '\\', 'n' => '\n', _ => throw Error(number, $"bad escape \\{text[i]} in HELP") } : throw Error(number, "unterminated escape in HELP"));
        }

        return help.ToString();
    }

    private static FormatException Error(int line, string message) => new($"Line {line}: {message}.");

    [GeneratedRegex(@"^# (?<kind>HELP|TYPE) (?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(?: (?<rest>.*))?$")]
    private static partial Regex MetaLine();

    [GeneratedRegex(@"^[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"[a-zA-Z_][a-zA-Z0-9_]*")]
    private static partial Regex LabelName();
}
