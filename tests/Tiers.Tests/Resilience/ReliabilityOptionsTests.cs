using System.Text;
using Microsoft.Extensions.Configuration;

namespace Cascade.Tests.Resilience;

public class ReliabilityOptionsTests
{
    [Fact]
    public void Defaults_AreTheSourceArticlesRecipes()
    {
        var options = new ReliabilityOptions();

        options.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(60));
        options.StreamIdleTimeout.ShouldBe(TimeSpan.FromSeconds(30));
        options.Retry.MaxRetries.ShouldBe(1);
        options.Retry.RetryAfterCap.ShouldBe(TimeSpan.FromSeconds(10));
        options.Retry.BaseDelay.ShouldBe(TimeSpan.FromSeconds(1));
        options.Retry.MaxJitter.ShouldBe(TimeSpan.FromSeconds(1));
        options.Circuit.FailureThreshold.ShouldBe(5);
        options.Circuit.BreakDuration.ShouldBe(TimeSpan.FromSeconds(60));
        options.Circuit.SuccessThreshold.ShouldBe(3);
        options.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void BackoffDelay_DoublesFromOneSecondWithUpToOneSecondOfJitter()
    {
        var retry = new RetryOptions();

        retry.BackoffDelay(0, 0).ShouldBe(TimeSpan.FromSeconds(1));
        retry.BackoffDelay(1, 0).ShouldBe(TimeSpan.FromSeconds(2));
        retry.BackoffDelay(2, 0).ShouldBe(TimeSpan.FromSeconds(4));
        retry.BackoffDelay(2, 0.5).ShouldBe(TimeSpan.FromSeconds(4.5));
        retry.BackoffDelay(10, 0).ShouldBe(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Validate_ListsEveryProblemWithItsSetting()
    {
        var options = new ReliabilityOptions
        {
            AttemptTimeout = TimeSpan.Zero,
            StreamIdleTimeout = TimeSpan.FromSeconds(-1),
            Retry = { MaxRetries = -1, BaseDelay = TimeSpan.FromSeconds(-1), RetryAfterCap = TimeSpan.FromSeconds(-1) },
            Circuit = { FailureThreshold = 0, BreakDuration = TimeSpan.Zero, SuccessThreshold = 0 },
        };

        IReadOnlyList<string> errors = options.Validate();

        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:AttemptTimeout"));
        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:StreamIdleTimeout"));
        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:Retry:MaxRetries"));
        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:Retry:BaseDelay"));
        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:Retry:RetryAfterCap"));
        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:Circuit:FailureThreshold"));
        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:Circuit:BreakDuration"));
        errors.ShouldContain(e => e.StartsWith("Cascade:Reliability:Circuit:SuccessThreshold"));
        Should.Throw<ArgumentException>(() => new ResilientTierInvoker(options)).Message.ShouldContain("AttemptTimeout");
    }

    [Fact]
    public void BindsFromTheCascadeSection()
    {
        const string json = """
            {
              "Cascade": {
                "Reliability": {
                  "AttemptTimeout": "00:00:20",
                  "Retry": { "MaxRetries": 3, "RetryAfterCap": "00:00:05" },
                  "Circuit": { "FailureThreshold": 3, "BreakDuration": "00:00:30" },
                  "Failures": {
                    "Decisions": { "ServerError": "Retry", "Authentication": "Fallback" },
                    "FallbackOnRefusal": true,
                    "CircuitCauses": [ "ServerError", "EmptyAnswer" ]
                  }
                }
              }
            }
            """;
        IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        CascadeOptions options = configuration.GetSection(CascadeOptions.SectionName).Get<CascadeOptions>()!;
        var policy = new FailurePolicy(options.Reliability.Failures);

        options.Reliability.AttemptTimeout.ShouldBe(TimeSpan.FromSeconds(20));
        options.Reliability.Retry.MaxRetries.ShouldBe(3);
        options.Reliability.Retry.RetryAfterCap.ShouldBe(TimeSpan.FromSeconds(5));
        options.Reliability.Retry.BaseDelay.ShouldBe(TimeSpan.FromSeconds(1));
        options.Reliability.Circuit.FailureThreshold.ShouldBe(3);
        options.Reliability.Circuit.SuccessThreshold.ShouldBe(3);
        policy.Decide(FailureCause.ServerError, billed: false).ShouldBe(FailureDecision.Retry);
        policy.Decide(FailureCause.Authentication, billed: false).ShouldBe(FailureDecision.Fallback);
        policy.Decide(FailureCause.ContentRefusal, billed: false).ShouldBe(FailureDecision.Fallback);
        policy.CountsTowardCircuit(FailureCause.EmptyAnswer).ShouldBeTrue();
        policy.CountsTowardCircuit(FailureCause.RateLimited).ShouldBeFalse();
    }

    [Fact]
    public void CascadeOptionsValidator_ReportsReliabilityErrors()
    {
        var options = new CascadeOptions
        {
            Tiers = [new TierOptions { Name = "faq", Kind = "regex-faq" }],
            Reliability = { Circuit = { FailureThreshold = 0 } },
        };

        new CascadeOptionsValidator().Collect(options).ShouldContain(e => e.StartsWith("Cascade:Reliability:Circuit:FailureThreshold"));
    }
}
