namespace Cascade.LoadGenerator.Tests;

public sealed class LoadOptionsTests
{
    [Fact]
    public void Parse_ReadsEveryOption()
    {
        LoadOptions options = LoadOptions.Parse(["--url", "http://127.0.0.1:5080", "--api", "anthropic", "--requests", "50", "--duration", "5", "--concurrency", "4", "--stream", "--key", "k", "--max-tokens", "9"]);

        options.Url.ShouldBe(new Uri("http://127.0.0.1:5080"));
        options.Api.ShouldBe("anthropic");
        options.Model.ShouldBe("claude-haiku-4-5-20251001");
        options.Requests.ShouldBe(50);
        options.Duration.ShouldBe(TimeSpan.FromSeconds(5));
        options.Concurrency.ShouldBe(4);
        options.Stream.ShouldBeTrue();
        options.Key.ShouldBe("k");
        options.MaxTokens.ShouldBe(9);
    }

    [Theory]
    [InlineData("http://localhost:1")]
    [InlineData("http://[::1]:1")]
    [InlineData("http://127.0.0.2:1")]
    public void Parse_AcceptsLoopbackTargets(string url) => LoadOptions.Parse(["--url", url]).Url.ShouldBe(new Uri(url));

    [Theory]
    [InlineData(new[] { "--requests", "5" }, "--url must be an absolute")]
    [InlineData(new[] { "--url", "http://10.1.2.3:80" }, "must point at this machine")]
    [InlineData(new[] { "--url", "http://example.com" }, "must point at this machine")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--api", "grpc" }, "--api must be")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--concurrency", "0" }, "--concurrency must be a whole number from 1 to 1024")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--requests", "lots" }, "--requests must be")]
    [InlineData(new[] { "--url", "http://127.0.0.1:1", "--colour", "red" }, "Unknown option '--colour'")]
    [InlineData(new[] { "--url" }, "Expected '--name value' pairs")]
    public void Parse_SaysWhatToFix(string[] args, string message) =>
        Should.Throw<ArgumentException>(() => LoadOptions.Parse(args)).Message.ShouldContain(message);
}
