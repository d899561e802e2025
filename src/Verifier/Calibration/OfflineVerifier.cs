using Cascade.Verifier.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Cascade.Verifier.Calibration;

/// <summary>The verifier's own engine, without a judge or a cache, for judging recorded answers offline.</summary>
internal static class OfflineVerifier
{
    /// <summary>The checks that read the answer alone, as the service runs them.</summary>
    public static readonly string[] TextChecks = [CutOffGate.Kind, MultipleChoiceGate.Kind, SelfDoubtGate.Kind, HedgingGate.Kind];

    /// <summary>The text checks, then the logprob check.</summary>
    public static readonly string[] TextAndLogprobChecks = [.. TextChecks, LogprobConfidenceGate.Kind];

    public static VerificationEngine Create(string? calibrationFile)
    {
        var options = Options.Create(new VerifierOptions
        {
            Judge = new JudgeModelOptions { Provider = "none" },
            CacheSize = 0,
            CalibrationFile = calibrationFile,
        });
        ServiceProvider services = new ServiceCollection().BuildServiceProvider();
        return new VerificationEngine(
            options,
            new VerifierTiers(null),
            GateRegistry.CreateDefault(),
            new DirectTierInvoker(),
            services,
            new VerificationCache(options, TimeProvider.System),
            new VerificationAccounts(),
            TimeProvider.System,
            NullLogger<VerificationEngine>.Instance);
    }

    public static VerificationRequest RequestFor(LabelledQuestion question, LabelledAnswer answer, IReadOnlyList<string> checks, AbstentionRule? abstention = null)
    {
        var messages = new List<VerificationMessage>(2);
        if (!string.IsNullOrWhiteSpace(question.SystemPrompt))
        {
            messages.Add(new VerificationMessage("system", question.SystemPrompt));
        }

        messages.Add(new VerificationMessage("user", question.UserPrompt));
        return new VerificationRequest
        {
            Workload = question.Workload,
            Messages = messages,
            Candidate = new VerificationCandidate { Text = answer.Text, FinishReason = "stop", LogprobConfidence = answer.LogprobConfidence, Model = answer.Model },
            Expectations = question.Choices is null ? null : new VerificationExpectations { Choices = question.Choices },
            Policy = new VerificationPolicy { Checks = checks, Abstention = abstention },
        };
    }
}
