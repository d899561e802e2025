using System.Globalization;
using Microsoft.Extensions.AI;

namespace Cascade;

/// <summary>
/// Draws a second sample of the same request from a tier and accepts when it agrees with the answer (same choice, same
/// number, or the same normalised text), rejects otherwise. The second call goes through the <see cref="ITierInvoker"/> and
/// lands in the ledger as a <see cref="AttemptKind.Verification"/> attempt, so its cost counts.
/// </summary>
public sealed class ConsistencyGate : IQualityGate
{
    /// <summary>The gate's kind and name: <c>consistency</c>.</summary>
    public const string Kind = "consistency";

    private readonly ConsistencyGateOptions _options;
    private readonly ITierInvoker _invoker;

    /// <summary>Initializes the gate.</summary>
    public ConsistencyGate(ConsistencyGateOptions options, ITierInvoker invoker)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _invoker = invoker ?? throw new ArgumentNullException(nameof(invoker));
        ArgumentNullException.ThrowIfNull(options.Tier);
    }

    /// <inheritdoc/>
    public string Name => Kind;

    /// <inheritdoc/>
    public GateCost Cost => GateCost.ModelCall;

    /// <summary>Compares two answers.</summary>
    /// <param name="first">One answer.</param>
    /// <param name="second">The other.</param>
    /// <param name="choices">The request's choices, if it is a multiple-choice question.</param>
    /// <param name="comparison">How to compare.</param>
    /// <param name="minSimilarity">The word overlap at which texts agree.</param>
    /// <returns>Whether they agree, and what was compared.</returns>
    public static (bool Agree, string Detail) Compare(string first, string second, IReadOnlyList<string>? choices, AnswerComparison comparison = AnswerComparison.Auto, double minSimilarity = 0.8)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (comparison is AnswerComparison.Choice || (comparison is AnswerComparison.Auto && choices is { Count: > 0 }))
        {
            IReadOnlyList<string> all = choices is { Count: > 0 } ? choices : AnswerExtraction.DefaultChoices;
            IReadOnlyList<string> a = AnswerExtraction.ExtractChoices(first, all);
            IReadOnlyList<string> b = AnswerExtraction.ExtractChoices(second, all);
            string shown = $"choice {Show(a)} vs {Show(b)}";
            return (a.Count == 1 && b.Count == 1 && a[0] == b[0], shown);
        }

        bool firstNumber = AnswerExtraction.TryExtractNumber(first, out decimal x);
        bool secondNumber = AnswerExtraction.TryExtractNumber(second, out decimal y);
        if (comparison is AnswerComparison.Number || (comparison is AnswerComparison.Auto && firstNumber && secondNumber))
        {
            string shown = $"number {(firstNumber ? x.ToString(CultureInfo.InvariantCulture) : "none")} vs {(secondNumber ? y.ToString(CultureInfo.InvariantCulture) : "none")}";
            return (firstNumber && secondNumber && x == y, shown);
        }

        string left = AnswerExtraction.Normalize(first);
        string right = AnswerExtraction.Normalize(second);
        if (left == right)
        {
            return (true, "same text");
        }

        double similarity = AnswerExtraction.Similarity(first, second);
        return (similarity >= minSimilarity, $"text overlap {similarity:0.00}");

        static string Show(IReadOnlyList<string> picked) => picked.Count == 0 ? "none" : string.Join("/", picked);
    }

    /// <inheritdoc/>
    public async ValueTask<GateVerdict> EvaluateAsync(GateContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ChatOptions? options = context.Options;
        if (_options.Temperature is { } temperature)
        {
            options = options?.Clone() ?? new ChatOptions();
            options.Temperature = temperature;
        }

        ChatResponse? second = await VerificationCall.GetResponseAsync(_invoker, _options.Tier, context.Messages, options, context, Name, cancellationToken);
        if (second is null)
        {
            return _options.WhenUnavailable.ToVerdict(Name, $"second sample from '{_options.Tier.Name}' failed");
        }

        (bool agree, string detail) = Compare(context.Text, second.Text, context.Expectations?.Choices, _options.Comparison, _options.MinSimilarity);
        return agree
            ? GateVerdict.Accept(Name, $"agrees: {detail}", 1)
            : GateVerdict.Reject(Name, $"disagrees: {detail}", 0);
    }
}
