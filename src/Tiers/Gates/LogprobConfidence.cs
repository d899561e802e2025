using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Cascade;

/// <summary>How the token log-probabilities of an answer make one confidence figure.</summary>
public enum LogprobAggregation
{
    /// <summary>The sum: the log-probability of the whole answer (the convention of the recorded datasets). The default.</summary>
    Sum,

    /// <summary>The mean per token, which does not penalise long answers.</summary>
    Mean,

    /// <summary>The least likely token.</summary>
    Min,
}

/// <summary>
/// Reads the log-probability confidence of an answer: from <see cref="PropertyKey"/> in
/// <see cref="ChatResponse.AdditionalProperties"/> (set by replay clients, the verifier, or the cascade for streams), or
/// from the provider's token logprobs (OpenAI's <see cref="ChatCompletion.ContentTokenLogProbabilities"/>, reached through
/// <see cref="ChatResponse.RawRepresentation"/>).
/// </summary>
/// <remarks>
/// OpenAI returns logprobs only when asked: set <c>ChatOptions.RawRepresentationFactory</c> to return
/// <c>new ChatCompletionOptions { IncludeLogProbabilities = true }</c>. A streamed answer's updates carry
/// <see cref="StreamingChatCompletionUpdate"/> raw representations: <see cref="FromUpdates"/> reads them, and the result can
/// be stored under <see cref="PropertyKey"/> on the buffered response.
/// </remarks>
public static class LogprobConfidence
{
    /// <summary>The <see cref="ChatResponse.AdditionalProperties"/> key of the answer's log-probability (a <see cref="double"/>).</summary>
    public const string PropertyKey = "cascade.logprob_confidence";

    /// <summary>Reads an answer's log-probability confidence.</summary>
    /// <param name="response">The answer.</param>
    /// <param name="aggregation">How provider token logprobs are combined (the <see cref="PropertyKey"/> value is taken as is).</param>
    /// <param name="logprob">The log-probability, at most 0.</param>
    /// <returns>Whether the answer carried one.</returns>
    public static bool TryGet(ChatResponse response, LogprobAggregation aggregation, out double logprob)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.AdditionalProperties?.TryGetValue(PropertyKey, out object? value) == true && TryConvert(value, out logprob))
        {
            return true;
        }

        if (response.RawRepresentation is ChatCompletion { ContentTokenLogProbabilities: { Count: > 0 } tokens })
        {
            logprob = Aggregate(tokens.Select(t => (double)t.LogProbability), aggregation);
            return true;
        }

        logprob = 0;
        return false;
    }

    /// <summary>Reads the log-probability confidence of a streamed answer from its updates' raw OpenAI chunks.</summary>
    /// <returns>The log-probability, or <see langword="null"/> when no update carried logprobs.</returns>
    public static double? FromUpdates(IEnumerable<ChatResponseUpdate> updates, LogprobAggregation aggregation = LogprobAggregation.Sum)
    {
        ArgumentNullException.ThrowIfNull(updates);
        double[] values = updates
            .Select(u => u.RawRepresentation)
            .OfType<StreamingChatCompletionUpdate>()
            .SelectMany(u => u.ContentTokenLogProbabilities)
            .Select(t => (double)t.LogProbability)
            .ToArray();
        return values.Length == 0 ? null : Aggregate(values, aggregation);
    }

    private static double Aggregate(IEnumerable<double> values, LogprobAggregation aggregation) => aggregation switch
    {
        LogprobAggregation.Mean => values.Average(),
        LogprobAggregation.Min => values.Min(),
        _ => values.Sum(),
    };

    private static bool TryConvert(object? value, out double logprob)
    {
        logprob = value switch
        {
            double d => d,
            float f => f,
            decimal m => (double)m,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => double.NaN,
        };
        return double.IsFinite(logprob);
    }
}
