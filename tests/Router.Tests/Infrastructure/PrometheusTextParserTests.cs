namespace Cascade.Router.Tests;

public sealed class PrometheusTextParserTests
{
    [Fact]
    public void Parse_ReadsFamiliesLabelsEscapesAndHistograms()
    {
        const string text = "# HELP jobs_total Jobs done.\n# TYPE jobs_total counter\njobs_total{queue=\"a\\\"b\\\\c\\nd\"} 3 1700000000000\njobs_total{queue=\"e\"} 1\n"
            + "# TYPE latency histogram\nlatency_bucket{le=\"0.5\"} 1\nlatency_bucket{le=\"+Inf\"} 2\nlatency_sum 1.5\nlatency_count 2\n";

        IReadOnlyDictionary<string, PrometheusMetricFamily> families = PrometheusTextParser.Parse(text);

        families["jobs_total"].Help.ShouldBe("Jobs done.");
        families["jobs_total"].Samples[0].Labels["queue"].ShouldBe("a\"b\\c\nd");
        families["jobs_total"].Samples[0].Timestamp.ShouldBe(1700000000000);
        families["latency"].Samples.Count.ShouldBe(4);
    }

    [Theory]
    [InlineData("jobs_total 1")]
    [InlineData("jobs total 1\n")]
    [InlineData("jobs{a=\"1\",a=\"2\"} 1\n")]
    [InlineData("jobs{a=\"\\t\"} 1\n")]
    [InlineData("jobs{a=1} 1\n")]
    [InlineData("jobs one\n")]
    [InlineData("jobs  1\n")]
    [InlineData("jobs 1\njobs 2\n")]
    [InlineData("jobs 1\nother 1\njobs{a=\"b\"} 2\n")]
    [InlineData("jobs 1\n# TYPE jobs counter\n")]
    [InlineData("# TYPE jobs meter\n")]
    [InlineData("# TYPE jobs counter\njobs -1\n")]
    [InlineData("# TYPE lat histogram\nlat_bucket{le=\"1\"} 2\nlat_sum 1\nlat_count 2\n")]
    [InlineData("# TYPE lat histogram\nlat_bucket{le=\"1\"} 2\nlat_bucket{le=\"+Inf\"} 1\nlat_sum 1\nlat_count 1\n")]
    [InlineData("# TYPE lat histogram\nlat_bucket{le=\"+Inf\"} 2\nlat_sum 1\nlat_count 3\n")]
    public void Parse_RefusesWhatTheFormatDoesNotAllow(string text) =>
        Should.Throw<FormatException>(() => PrometheusTextParser.Parse(text));
}
