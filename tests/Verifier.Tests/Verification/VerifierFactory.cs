using Cascade.Testing;
using Cascade.Verifier.Verification;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace Cascade.Verifier.Tests.Verification;

/// <summary>Hosts the verifier with a scripted judge and extra configuration.</summary>
public sealed class VerifierFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly bool _scriptedJudge;

    public VerifierFactory(TestChatClient? judge = null, Dictionary<string, string?>? settings = null, bool scriptedJudge = true)
    {
        _scriptedJudge = scriptedJudge;
        Judge = judge ?? TestChatClient.Answering("""{"accuracy":5,"completeness":4,"clarity":5,"overall":4.5,"should_escalate":false,"reason":"correct"}""", inputTokens: 1_000, outputTokens: 50);
        _settings = settings ?? [];
    }

    /// <summary>Gets the judge's client (priced as claude-haiku-4-5: 1 and 5 USD per million tokens).</summary>
    public TestChatClient Judge { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach ((string key, string? value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (_scriptedJudge)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton<IChatClient>(VerifierTiers.JudgeClientKey, Judge));
        }
    }
}
