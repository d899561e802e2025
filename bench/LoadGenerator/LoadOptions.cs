using System.Globalization;
using System.Net;

namespace Cascade.LoadGenerator;

/// <summary>What a load run does; parsed from <c>--name value</c> arguments and validated before any request.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        Cascade.LoadGenerator --url http://127.0.0.1:PORT [options]
          --url URL           loopback base address of the target (no /v1); required
          --api openai|anthropic   request shape (default openai)
          --model ID          model id (default gpt-4o-mini, or claude-haiku-4-5-20251001 for anthropic)
          --requests N        stop after N requests (default 10000, at most 10000000)
          --duration SECONDS  stop after this long (default 30, at most 3600)
          --concurrency N     requests in flight (default 16, at most 1024)
          --stream            ask for streamed answers
          --key KEY           API key (default load-test)
          --prompt TEXT       user message (default a delivery question)
          --max-tokens N      output limit (default 64)
        """;

    public required Uri Url { get; init; }

    public string Api { get; init; } = "openai";

    public string Model { get; init; } = "gpt-4o-mini";

    public int Requests { get; init; } = 10_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    public int Concurrency { get; init; } = 16;

    public bool Stream { get; init; }

    public string Key { get; init; } = "load-test";

    public string Prompt { get; init; } = "How long does standard delivery take?";

    public int MaxTokens { get; init; } = 64;

    /// <summary>Parses arguments; throws <see cref="ArgumentException"/> saying what to fix.</summary>
    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        bool stream = false;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name == "--stream")
            {
                stream = true;
                continue;
            }

            if (!name.StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new ArgumentException($"Expected '--name value' pairs, got '{name}'.");
            }

            values[name[2..]] = args[++i];
        }

        string[] known = ["url", "api", "model", "requests", "duration", "concurrency", "key", "prompt", "max-tokens"];
        if (values.Keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
        {
            throw new ArgumentException($"Unknown option '--{unknown}'.");
        }

        if (!values.TryGetValue("url", out string? url) || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException("--url must be an absolute http(s) address, e.g. http://127.0.0.1:5080.");
        }

        if (!IsLoopback(uri))
        {
            throw new ArgumentException($"--url must point at this machine (127.0.0.1, ::1 or localhost), not '{uri.Host}': the load generator only targets loopback services.");
        }

        string api = values.GetValueOrDefault("api", "openai");
        if (api is not ("openai" or "anthropic"))
        {
            throw new ArgumentException("--api must be 'openai' or 'anthropic'.");
        }

        return new LoadOptions
        {
            Url = uri,
            Api = api,
            Model = values.GetValueOrDefault("model", api == "anthropic" ? "claude-haiku-4-5-20251001" : "gpt-4o-mini"),
            Requests = Int(values, "requests", 10_000, 1, 10_000_000),
            Duration = TimeSpan.FromSeconds(Int(values, "duration", 30, 1, 3600)),
            Concurrency = Int(values, "concurrency", 16, 1, 1024),
            Stream = stream,
            Key = values.GetValueOrDefault("key", "load-test"),
            Prompt = values.GetValueOrDefault("prompt", "How long does standard delivery take?"),
            MaxTokens = Int(values, "max-tokens", 64, 1, 100_000),
        };
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? address) && IPAddress.IsLoopback(address));

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out string? text))
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) || value < min || value > max)
        {
            throw new ArgumentException($"--{name} must be a whole number from {min} to {max} (was '{text}').");
        }

        return value;
    }
}
