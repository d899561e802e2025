using System.Text;

namespace Cascade.AppHost.Console;

/// <summary>The block the AppHost prints once the apps are up.</summary>
public sealed record RunSummary
{
    /// <summary>Gets the dashboard's address (with its login link), or <see langword="null"/> when the dashboard is off.</summary>
    public string? DashboardUrl { get; init; }

    /// <summary>Gets the router's base address.</summary>
    public required Uri RouterUrl { get; init; }

    /// <summary>Gets the support chat's address.</summary>
    public required Uri AppUrl { get; init; }

    /// <summary>Gets the router API key of this run.</summary>
    public required string RouterApiKey { get; init; }

    /// <summary>Gets the notices (Redis, providers).</summary>
    public IReadOnlyList<string> Notices { get; init; } = [];

    /// <summary>Renders the block.</summary>
    public string Render()
    {
        string router = RouterUrl.GetLeftPart(UriPartial.Authority);
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("Cascade is running. Service logs, traces and metrics are in the dashboard.");
        text.AppendLine($"  dashboard     {DashboardUrl ?? "(off)"}");
        text.AppendLine($"  support chat  {AppUrl.GetLeftPart(UriPartial.Authority)}");
        text.AppendLine($"  router        {router}/v1   (OpenAI- and Anthropic-compatible)");
        text.AppendLine($"  router key    {RouterApiKey}   (parameter router-api-key, kept between runs)");
        foreach (string notice in Notices)
        {
            text.AppendLine($"  {notice}");
        }

        text.AppendLine();
        text.AppendLine("  curl:");
        text.AppendLine($"    curl -s {router}/v1/chat/completions -H 'Authorization: Bearer {RouterApiKey}' -H 'Content-Type: application/json' \\");
        text.AppendLine("      -d '{\"model\":\"cascade\",\"messages\":[{\"role\":\"user\",\"content\":\"Where is my order 1234?\"}]}'");
        text.AppendLine("  OpenAI .NET client:");
        text.AppendLine($"    new OpenAIClient(new ApiKeyCredential(\"{RouterApiKey}\"), new OpenAIClientOptions {{ Endpoint = new Uri(\"{router}/v1\") }}).GetChatClient(\"cascade\")");
        text.AppendLine();
        text.AppendLine("Stop with Ctrl+C (or SIGTERM): every service and redis-server stop with it.");
        return text.ToString();
    }
}
